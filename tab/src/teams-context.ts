import { app } from '@microsoft/teams-js';

export type TeamsTheme = 'default' | 'dark' | 'contrast';

export interface HostContext {
  locale: string | undefined;
  theme: TeamsTheme;
  /** Inside Teams: the SSO token comes from Teams; outside, from the development sign-in. */
  inTeams: boolean;
  /** Inside Teams: the person's Microsoft 365 tenant, for the consent fallback (teams-consent.ts). */
  tenantId?: string;
  /** Inside Teams: the page a link into the tab asked for (its subEntityId), e.g. "netwerk" from the advice card. */
  subPageId?: string;
}

const asTheme = (t: string | undefined): TeamsTheme => (t === 'dark' || t === 'contrast' ? t : 'default');

/**
 * Inside Teams, teams-js gives locale and theme and reports theme changes. In a plain browser
 * (development) initialisation never completes, so we stop waiting and use the browser's settings.
 */
export async function loadHostContext(onThemeChange: (theme: TeamsTheme) => void): Promise<HostContext> {
  const browser: HostContext = {
    locale: navigator.language,
    theme: window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'default',
    inTeams: false,
  };
  if (window.parent === window) return browser;
  try {
    await Promise.race([
      app.initialize(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('not in Teams')), 3000)),
    ]);
    const context = await app.getContext();
    app.registerOnThemeChangeHandler((theme) => onThemeChange(asTheme(theme)));
    app.notifySuccess();
    return { locale: context.app.locale, theme: asTheme(context.app.theme), inTeams: true, tenantId: context.user?.tenant?.id, subPageId: context.page?.subPageId };
  } catch {
    return browser;
  }
}
