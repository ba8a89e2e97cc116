import type { Strings } from '../i18n/locale';
import { renderCard, type AdaptiveCardJson } from './render';
import { templates } from './templates';

export { templates };

export interface MenuAction {
  label: string;
  action: string;
}

/** The menu; with `help`, the list of what can be typed too. */
export function welcomeCard(t: Strings, actions: MenuAction[], notice = '', help = false): AdaptiveCardJson {
  return renderCard(templates.welcome, {
    appName: t.appName,
    notice,
    intro: t.welcome.intro,
    helpTitle: help ? t.welcome.helpTitle : '',
    helpItems: help ? t.welcome.helpItems : [],
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
