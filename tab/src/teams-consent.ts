/**
 * The fallback when Teams cannot give the tab its SSO token, most often because the person has not consented yet:
 * Entra's consent page cannot be shown inside Teams' frame, so it opens in a pop-up (teams-js
 * authentication.authenticate), which starts at auth-start.html and ends at auth-end.html on this domain. The
 * pop-up only asks Entra for consent; the tab then asks Teams for its token again. No token leaves the pop-up:
 * the authorization code Entra returns is never redeemed.
 */

/** Where the pop-up starts, with what it needs to ask Entra: the app's client id and the person's tenant. */
export function consentStartUrl(origin: string, clientId: string, tenantId: string): string {
  return `${origin}/tab/auth-start.html?${new URLSearchParams({ clientId, tenantId })}`;
}

export interface AuthorizeRequest {
  origin: string;
  host: string;
  clientId: string;
  tenantId: string;
  state: string;
  codeChallenge: string;
}

/**
 * Entra's authorize address for the one scope the tab's API has (the App ID URI is api://<host>/<client id>, as in
 * the Teams manifest's webApplicationInfo), with the redirect registered as a single-page-app address in
 * aad.manifest.json. A single-page-app redirect requires PKCE, so a challenge is sent though no code is redeemed.
 */
export function authorizeUrl(r: AuthorizeRequest): string {
  const query = new URLSearchParams({
    client_id: r.clientId,
    response_type: 'code',
    response_mode: 'fragment',
    redirect_uri: `${r.origin}/tab/auth-end.html`,
    scope: `api://${r.host}/${r.clientId}/access_as_user openid`,
    state: r.state,
    code_challenge: r.codeChallenge,
    code_challenge_method: 'S256',
  });
  return `https://login.microsoftonline.com/${encodeURIComponent(r.tenantId)}/oauth2/v2.0/authorize?${query}`;
}

/** What Entra's redirect says: consent given (a code for our state), or the error it names. */
export function consentOutcome(fragment: string, expectedState: string | null): { ok: true } | { ok: false; reason: string } {
  const answer = new URLSearchParams(fragment.replace(/^#/, ''));
  if (!expectedState || answer.get('state') !== expectedState) return { ok: false, reason: 'state-mismatch' };
  if (answer.get('error')) return { ok: false, reason: answer.get('error')! };
  return answer.get('code') ? { ok: true } : { ok: false, reason: 'no-code' };
}
