import { render, screen, waitFor } from '@testing-library/react';
import { App } from '../../tab/src/App';
import { strings } from '../../tab/src/strings';
import { teamsHost } from './teams-js-stub';

/**
 * teamsfx stands in for Entra ID here: the real one asks the Teams client for a token. This one records how it was
 * set up and answers as the test says; like the real one (loadAndValidateConfig), it refuses a missing client id.
 */
const mockTeamsfx = {
  loads: 0,
  configs: [] as Array<{ clientId: string; initiateLoginEndpoint: string }>,
  getToken: jest.fn<Promise<{ token: string; expiresOnTimestamp: number } | null>, [string]>(),
};
jest.mock('@microsoft/teamsfx', () => {
  mockTeamsfx.loads++;
  return {
    TeamsUserCredential: class {
      constructor(config: { clientId: string; initiateLoginEndpoint: string }) {
        if (!config.clientId) throw new Error('clientId in configuration is invalid: undefined.');
        mockTeamsfx.configs.push(config);
      }
      getToken(scopes: string) {
        return mockTeamsfx.getToken(scopes);
      }
    },
  };
});

const CLIENT_ID = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

/** The service's answer to every call, recorded with the headers the tab sent. */
const serviceAnswering = (body: unknown) =>
  jest.fn(async (_path: string, _init: { headers: Record<string, string> }) => ({ ok: true, status: 200, text: async () => JSON.stringify(body) }));

describe('signing in to the tab', () => {
  const realFetch = globalThis.fetch;
  const realParent = window.parent;
  /** Inside Teams the tab is framed: its window has a parent. */
  const framed = (inTeams: boolean) => Object.defineProperty(window, 'parent', { value: inTeams ? {} : realParent, configurable: true });

  beforeEach(() => {
    // A fresh teams-sso module per test, so its kept credential does not carry over.
    jest.resetModules();
    mockTeamsfx.loads = 0;
    mockTeamsfx.configs = [];
    mockTeamsfx.getToken.mockReset();
    teamsHost.locale = 'nl-NL';
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
    framed(false);
    window.history.replaceState(null, '', '/');
    sessionStorage.clear();
  });

  it('in Teams: takes the SSO token from teamsfx, set up with the client id from the manifest\'s address, and sends it with every call', async () => {
    framed(true);
    window.history.replaceState(null, '', `/tab/index.html?clientId=${CLIENT_ID}#/signalen`);
    mockTeamsfx.getToken.mockResolvedValue({ token: 'sso-token-karin', expiresOnTimestamp: Date.now() + 3_600_000 });
    const fetch = serviceAnswering({ signals: [] });
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;

    render(<App />);

    expect(await screen.findByText(strings.nl.signals.none)).toBeTruthy();
    expect(mockTeamsfx.configs).toEqual([{ clientId: CLIENT_ID, initiateLoginEndpoint: 'http://localhost/tab/index.html' }]);
    // No scopes: the SSO token for the app's own API, asked of one credential however often.
    expect(mockTeamsfx.getToken.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(mockTeamsfx.getToken.mock.calls.every(([scopes]) => scopes === '')).toBe(true);
    expect(fetch.mock.calls.map(([path, init]) => [path, init.headers.authorization])).toEqual([['/api/signals', 'Bearer sso-token-karin']]);
    // Teams signs in; there is no development sign-in to pick a person.
    expect(screen.queryByRole('form', { name: strings.nl.signIn.heading })).toBeNull();
  });

  it.each([
    ['nl-NL', strings.nl],
    ['en-US', strings.en],
  ] as const)('in Teams: says that signing in did not work when teamsfx gives no token (%s), and calls nothing', async (locale, t) => {
    framed(true);
    teamsHost.locale = locale;
    window.history.replaceState(null, '', `/tab/index.html?clientId=${CLIENT_ID}#/signalen`);
    mockTeamsfx.getToken.mockRejectedValue(new Error('Get SSO token failed with error: App resource defined in manifest and iframe origin do not match'));
    const fetch = serviceAnswering({ signals: [] });
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;

    render(<App />);

    expect((await screen.findByRole('alert')).textContent).toBe(t.signIn.teamsFailed);
    expect(screen.queryByRole('table')).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
    expect(document.body.textContent).not.toContain('SSO token failed');
  });

  it('in Teams without a client id in the address: teamsfx refuses, and the page says signing in did not work', async () => {
    framed(true);
    window.history.replaceState(null, '', '/tab/index.html#/signalen');
    const fetch = serviceAnswering({ signals: [] });
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;

    render(<App />);

    expect((await screen.findByRole('alert')).textContent).toBe(strings.nl.signIn.teamsFailed);
    expect(mockTeamsfx.getToken).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('in a plain browser: offers the development sign-in and never loads teamsfx', async () => {
    window.history.replaceState(null, '', '/tab/index.html#/signalen');
    globalThis.fetch = serviceAnswering({ signals: [] }) as unknown as typeof globalThis.fetch;

    render(<App />);

    // In the browser's language: jsdom's is en-US.
    expect(await screen.findByRole('form', { name: strings.en.signIn.heading })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(mockTeamsfx.loads).toBe(0);
  });
});
