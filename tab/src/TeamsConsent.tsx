import { Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { TabStrings } from './strings';

/**
 * Inside Teams, when Teams gave no sign-in token: say so, and offer to sign in, which opens Entra's consent page in
 * a pop-up and asks Teams again (teams-sso.ts). One pop-up at a time.
 */
export function TeamsConsent({ t, tenantId, onSignedIn }: { t: TabStrings; tenantId: string | undefined; onSignedIn: () => void }) {
  const [busy, setBusy] = useState(false);
  const [failedAgain, setFailedAgain] = useState(false);
  const signIn = () => {
    setBusy(true);
    import('./teams-sso')
      .then((sso) => sso.teamsSsoTokenAfterConsent(tenantId ?? 'organizations'))
      .then(onSignedIn, () => setFailedAgain(true))
      .finally(() => setBusy(false));
  };
  return (
    <div>
      <Text block as="p" role="alert">
        {failedAgain ? t.signIn.teamsStillFailed : t.signIn.teamsConsent}
      </Text>
      <Button appearance="primary" disabled={busy} onClick={signIn} style={{ marginTop: 12 }}>
        {t.signIn.submit}
      </Button>
    </div>
  );
}
