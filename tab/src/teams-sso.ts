import { TeamsUserCredential } from '@microsoft/teamsfx';

/**
 * The tab's sign-in inside Teams, through teamsfx. The one module that knows teamsfx: a move to MSAL nested app
 * authentication (teamsfx support ends in 2026) changes this file only. api.ts loads it with import() inside Teams
 * alone, so the development path in a plain browser and the first render do not carry teamsfx and MSAL.
 */

let credential: TeamsUserCredential | undefined;

/**
 * The Teams SSO token for this app's own API (audience api://<domain>/<client id>). No scopes: no Graph token and
 * no consent pop-up. teamsfx keeps the token in memory until five minutes before it expires.
 */
export async function teamsSsoToken(): Promise<string> {
  credential ??= new TeamsUserCredential({
    // The manifest's contentUrl carries the app registration's client id; teamsfx refuses a missing one.
    clientId: new URLSearchParams(window.location.search).get('clientId') ?? '',
    // teamsfx requires a page for its consent pop-up (login()), which this tab never opens: the tab stands in.
    initiateLoginEndpoint: `${window.location.origin}/tab/index.html`,
  });
  const token = await credential.getToken('');
  if (!token) throw new Error('Teams gave no SSO token');
  return token.token;
}
