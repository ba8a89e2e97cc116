import { Button, Field, Select, Text, Title2 } from '@fluentui/react-components';
import { useState } from 'react';
import { devSignIn } from './api';
import type { TabStrings } from './strings';

const PERSONAS = ['facilitator', 'facilitatorBzk', 'counsellor', 'coordinator', 'network', 'medewerker'] as const;

/** Development mode outside Teams: pick a fictional person. The service has no such sign-in in production. */
export function SignIn({ t, onSignedIn }: { t: TabStrings; onSignedIn: () => void }) {
  const [persona, setPersona] = useState<(typeof PERSONAS)[number]>('facilitator');
  const [error, setError] = useState<string>();
  return (
    <form
      aria-labelledby="sign-in-heading"
      onSubmit={(e) => {
        e.preventDefault();
        devSignIn(persona).then(onSignedIn, () => setError(t.signIn.failed));
      }}
    >
      <Title2 as="h2" id="sign-in-heading">
        {t.signIn.heading}
      </Title2>
      <Text block as="p">{t.signIn.intro}</Text>
      <Field label={t.signIn.persona} validationMessage={error}>
        <Select value={persona} onChange={(_, d) => setPersona(d.value as (typeof PERSONAS)[number])}>
          {PERSONAS.map((p) => (
            <option key={p} value={p}>
              {t.signIn.personas[p]}
            </option>
          ))}
        </Select>
      </Field>
      <Button appearance="primary" type="submit" style={{ marginTop: 12 }}>
        {t.signIn.submit}
      </Button>
    </form>
  );
}
