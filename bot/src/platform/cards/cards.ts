import type { AppStrings } from '../i18n/locale';
import { renderCard, type AdaptiveCardJson } from './render';
import channelHelpTemplate from './templates/channel-help.json';
import noticeTemplate from './templates/notice.json';
import welcomeTemplate from './templates/welcome.json';


export interface MenuAction {
  label: string;
  action: string;
}

/** The menu; with `help`, the list of what can be typed too. */
export function welcomeCard(t: AppStrings, actions: MenuAction[], notice = '', help = false): AdaptiveCardJson {
  return renderCard(welcomeTemplate, {
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

export function channelHelpCard(t: AppStrings): AdaptiveCardJson {
  return renderCard(channelHelpTemplate, t.channelHelp);
}

export function noticeCard(t: AppStrings, notice: { title: string; text: string; footnote?: string }): AdaptiveCardJson {
  return renderCard(noticeTemplate, { ...notice, footnote: notice.footnote ?? '', menuLabel: t.menu });
}
