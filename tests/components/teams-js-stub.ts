/**
 * Stands in for @microsoft/teams-js (moduleNameMapper in jest.config.js): the real module starts fetching its list
 * of valid origins from the network as soon as it is imported. The pages' tests play the tab outside Teams, where
 * teams-js is never asked; TeamsSignIn.test.tsx plays it inside Teams (a window with a parent) as `teamsHost` says.
 */
export const teamsHost = { locale: 'nl-NL', theme: 'default' };

export const app = {
  initialize: async (): Promise<void> => {},
  getContext: async () => ({ app: { locale: teamsHost.locale, theme: teamsHost.theme } }),
  registerOnThemeChangeHandler: (_handler: (theme: string) => void): void => {},
  notifySuccess: (): void => {},
};
