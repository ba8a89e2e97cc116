import type { Strings } from '../i18n/locale';
import { renderCard, type AdaptiveCardJson } from './render';
import { templates } from './templates';

export { templates };

export interface MenuAction {
  label: string;
  action: string;
}

export function welcomeCard(t: Strings, actions: MenuAction[], notice = ''): AdaptiveCardJson {
  return renderCard(templates.welcome, {
    appName: t.appName,
    notice,
    intro: t.welcome.intro,
    privacy: t.welcome.privacy,
    urgent: t.welcome.urgent,
    actions,
  });
}

export function channelHelpCard(t: Strings): AdaptiveCardJson {
  return renderCard(templates['channel-help'], t.channelHelp);
}

export function noticeCard(t: Strings, notice: { title: string; text: string; footnote?: string }): AdaptiveCardJson {
  return renderCard(templates.notice, { ...notice, footnote: notice.footnote ?? '', menuLabel: t.menu });
}
