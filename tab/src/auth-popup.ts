import { app, authentication } from '@microsoft/teams-js';
import { authorizeUrl, consentOutcome } from './teams-consent';

/** The pop-up of the consent fallback (teams-consent.ts): auth-start.html sends the person to Entra, auth-end.html reports back. */
const STATE_KEY = 'sociaal-veilig.consent-state';

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

async function start(): Promise<void> {
  const query = new URLSearchParams(window.location.search);
  const state = random();
  sessionStorage.setItem(STATE_KEY, state);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(random()))));
  window.location.assign(
    authorizeUrl({
      origin: window.location.origin,
      host: window.location.host,
      clientId: query.get('clientId') ?? '',
      tenantId: query.get('tenantId') ?? 'organizations',
      state,
      codeChallenge: challenge,
    }),
  );
}

async function end(): Promise<void> {
  await app.initialize();
  const outcome = consentOutcome(window.location.hash, sessionStorage.getItem(STATE_KEY));
  sessionStorage.removeItem(STATE_KEY);
  if (outcome.ok) authentication.notifySuccess();
  else authentication.notifyFailure(outcome.reason);
}

void (window.location.pathname.endsWith('/auth-end.html') ? end() : start());
