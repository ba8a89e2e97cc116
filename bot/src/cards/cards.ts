import type { Strings } from '../i18n/locale';
import { format } from '../i18n/locale';
import channelHelpTemplate from './templates/channel-help.json';
import noticeTemplate from './templates/notice.json';
import welcomeTemplate from './templates/welcome.json';
import { renderCard, type AdaptiveCardJson } from './render';

/** Every card template, by file name, so tests can check each one. */
export const templates = {
  welcome: welcomeTemplate,
  'channel-help': channelHelpTemplate,
  notice: noticeTemplate,
} as const;

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

export function comingSoonCard(t: Strings, capability: string, footnote?: string): AdaptiveCardJson {
  return noticeCard(t, { title: t.comingSoon.title, text: format(t.comingSoon.text, { capability }), footnote });
}
