import { authentication } from '@microsoft/teams-js';
import { TeamsUserCredential } from '@microsoft/teamsfx';
import { consentStartUrl } from './teams-consent';

/**
 * The tab's sign-in inside Teams, through teamsfx. The one module that knows teamsfx: a move to MSAL nested app
 * authentication (teamsfx support ends in 2026) changes this file only. api.ts loads it with import() inside Teams
 * alone, so the development path in a plain browser and the first render do not carry teamsfx and MSAL.
 */

let credential: TeamsUserCredential | undefined;

/** The manifest's contentUrl carries the app registration's client id. */
const clientId = () => new URLSearchParams(window.location.search).get('clientId') ?? '';

/**
 * The Teams SSO token for this app's own API (audience api://<domain>/<client id>). No scopes: no Graph token and
 * no consent pop-up. teamsfx keeps the token in memory until five minutes before it expires.
 */
export async function teamsSsoToken(): Promise<string> {
  credential ??= new TeamsUserCredential({
    // teamsfx refuses a missing client id.
    clientId: clientId(),
    // teamsfx requires a page for its consent pop-up (login()), which this tab never opens: the tab stands in.
    initiateLoginEndpoint: `${window.location.origin}/tab/index.html`,
  });
  const token = await credential.getToken('');
  if (!token) throw new Error('Teams gave no SSO token');
  return token.token;
}

/**
 * When Teams gives no token (most often: no consent yet), Entra's consent page in a Teams pop-up (teams-consent.ts),
 * then the token asked of Teams again. Rejects when the person closes the pop-up or Teams still gives none.
 */
export async function teamsSsoTokenAfterConsent(tenantId: string): Promise<string> {
  await authentication.authenticate({ url: consentStartUrl(window.location.origin, clientId(), tenantId), width: 600, height: 535 });
  return teamsSsoToken();
}
