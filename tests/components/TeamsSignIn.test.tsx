import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../tab/src/App';
import { strings } from '../../tab/src/strings';
import { authorizeUrl, consentOutcome, consentStartUrl } from '../../tab/src/teams-consent';
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
    const fetch = serviceAnswering({ signals: [], closed: [] });
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

  /** The teams-js stand-in as the tab's modules loaded after the reset (teams-sso.ts among them) see it. */
  const currentTeamsHost = async () => ((await import('@microsoft/teams-js')) as unknown as typeof import('./teams-js-stub')).teamsHost;

  it.each([
    ['nl-NL', strings.nl],
    ['en-US', strings.en],
  ] as const)('in Teams: when teamsfx gives no token (%s), says so and offers to sign in, and calls nothing', async (locale, t) => {
    framed(true);
    teamsHost.locale = locale;
    window.history.replaceState(null, '', `/tab/index.html?clientId=${CLIENT_ID}#/signalen`);
    mockTeamsfx.getToken.mockRejectedValue(new Error('Get SSO token failed with error: resourceRequiresConsent'));
    const fetch = serviceAnswering({ signals: [], closed: [] });
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;

    render(<App />);

    expect((await screen.findByRole('alert')).textContent).toBe(t.signIn.teamsConsent);
    expect(screen.getByRole('button', { name: t.signIn.submit })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
    expect(document.body.textContent).not.toContain('SSO token failed');
  });

  it('in Teams: the sign-in button opens Entra\'s consent in a Teams pop-up, once however often it is clicked, then takes the token', async () => {
    framed(true);
    window.history.replaceState(null, '', `/tab/index.html?clientId=${CLIENT_ID}#/signalen`);
    mockTeamsfx.getToken.mockRejectedValueOnce(new Error('Get SSO token failed with error: resourceRequiresConsent'));
    const fetch = serviceAnswering({ signals: [], closed: [] });
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
    render(<App />);
    const button = await screen.findByRole('button', { name: strings.nl.signIn.submit });

    // The pop-up stays open until the test closes it, as a person takes their time in it.
    const host = await currentTeamsHost();
    const popUps: Array<{ url: string; close: () => void }> = [];
    host.authenticate = (params) => new Promise((resolve) => popUps.push({ url: params.url, close: () => resolve('') }));
    mockTeamsfx.getToken.mockResolvedValue({ token: 'sso-token-after-consent', expiresOnTimestamp: Date.now() + 3_600_000 });
    await userEvent.click(button);
    await userEvent.click(button);
    await waitFor(() => expect(popUps).toHaveLength(1));
    const start = new URL(popUps[0]!.url);
    expect(`${start.origin}${start.pathname}`).toBe('http://localhost/tab/auth-start.html');
    expect(Object.fromEntries(start.searchParams)).toEqual({ clientId: CLIENT_ID, tenantId: teamsHost.tenantId });
    expect(fetch).not.toHaveBeenCalled();

    popUps[0]!.close();
    expect(await screen.findByText(strings.nl.signals.none)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(fetch.mock.calls.map(([path, init]) => [path, init.headers.authorization])).toEqual([['/api/signals', 'Bearer sso-token-after-consent']]);
  });

  it('in Teams: a closed pop-up, or Teams still giving no token, says that signing in failed again and calls nothing', async () => {
    framed(true);
    window.history.replaceState(null, '', `/tab/index.html?clientId=${CLIENT_ID}#/signalen`);
    mockTeamsfx.getToken.mockRejectedValue(new Error('Get SSO token failed with error: resourceDisabled'));
    const fetch = serviceAnswering({ signals: [], closed: [] });
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
    render(<App />);
    const button = await screen.findByRole('button', { name: strings.nl.signIn.submit });
    const host = await currentTeamsHost();

    host.authenticate = () => Promise.reject(new Error('CancelledByUser'));
    await userEvent.click(button);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(strings.nl.signIn.teamsStillFailed));

    host.authenticate = () => Promise.resolve('');
    await userEvent.click(screen.getByRole('button', { name: strings.nl.signIn.submit }));
    await waitFor(() => expect(mockTeamsfx.getToken.mock.calls.length).toBeGreaterThanOrEqual(2));
    expect(screen.getByRole('alert').textContent).toBe(strings.nl.signIn.teamsStillFailed);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('in Teams without a client id in the address: teamsfx refuses, and the page offers to sign in', async () => {
    framed(true);
    window.history.replaceState(null, '', '/tab/index.html#/signalen');
    const fetch = serviceAnswering({ signals: [], closed: [] });
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;

    render(<App />);

    expect((await screen.findByRole('alert')).textContent).toBe(strings.nl.signIn.teamsConsent);
    expect(mockTeamsfx.getToken).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('in a plain browser: offers the development sign-in and never loads teamsfx', async () => {
    window.history.replaceState(null, '', '/tab/index.html#/signalen');
    globalThis.fetch = serviceAnswering({ signals: [], closed: [] }) as unknown as typeof globalThis.fetch;

    render(<App />);

    // In the browser's language: jsdom's is en-US.
    expect(await screen.findByRole('form', { name: strings.en.signIn.heading })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(mockTeamsfx.loads).toBe(0);
  });
});

describe('the consent pop-up\'s request to Entra and its answer', () => {
  it('asks for consent to the tab API\'s one scope, at the person\'s tenant, back to the registered single-page-app address, with PKCE', () => {
    const url = new URL(authorizeUrl({ origin: 'https://sv.example.nl', host: 'sv.example.nl', clientId: CLIENT_ID, tenantId: 'tenant-1', state: 'st', codeChallenge: 'ch' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://login.microsoftonline.com/tenant-1/oauth2/v2.0/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CLIENT_ID,
      response_type: 'code',
      response_mode: 'fragment',
      redirect_uri: 'https://sv.example.nl/tab/auth-end.html',
      scope: `api://sv.example.nl/${CLIENT_ID}/access_as_user openid`,
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
    // The same redirect address the Entra app registers (aad.manifest.json, spa).
    expect(consentStartUrl('https://sv.example.nl', CLIENT_ID, 'tenant-1')).toBe(`https://sv.example.nl/tab/auth-start.html?clientId=${CLIENT_ID}&tenantId=tenant-1`);
  });

  it.each([
    ['#code=abc&state=st', 'st', { ok: true }],
    ['#code=abc&state=other', 'st', { ok: false, reason: 'state-mismatch' }],
    ['#code=abc&state=st', null, { ok: false, reason: 'state-mismatch' }],
    ['#error=consent_required&state=st', 'st', { ok: false, reason: 'consent_required' }],
    ['#state=st', 'st', { ok: false, reason: 'no-code' }],
  ])('reads %s (state kept: %s) as %j', (fragment, state, outcome) => {
    expect(consentOutcome(fragment, state)).toEqual(outcome);
  });
});
