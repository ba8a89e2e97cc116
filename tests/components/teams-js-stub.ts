/**
 * Stands in for @microsoft/teams-js (moduleNameMapper in jest.config.js): the real module starts fetching its list
 * of valid origins from the network as soon as it is imported. The pages' tests play the tab outside Teams, where
 * teams-js is never asked; TeamsSignIn.test.tsx plays it inside Teams (a window with a parent) as `teamsHost` says.
 */
export const teamsHost = {
  locale: 'nl-NL',
  theme: 'default',
  tenantId: '72f988bf-0000-4000-8000-00000000a001',
  /** What the consent pop-up (authentication.authenticate) does: the tests that open it say. */
  authenticate: (_params: { url: string; width?: number; height?: number }): Promise<string> => Promise.reject(new Error('no pop-up in this test')),
};

export const app = {
  initialize: async (): Promise<void> => {},
  getContext: async () => ({ app: { locale: teamsHost.locale, theme: teamsHost.theme }, user: { tenant: { id: teamsHost.tenantId } } }),
  registerOnThemeChangeHandler: (_handler: (theme: string) => void): void => {},
  notifySuccess: (): void => {},
};

export const authentication = {
  authenticate: (params: { url: string; width?: number; height?: number }) => teamsHost.authenticate(params),
  notifySuccess: (): void => {},
  notifyFailure: (_reason?: string): void => {},
};
