import { Button, Field, Select } from '@fluentui/react-components';
import { useState } from 'react';
import { shortDate } from '../../bot/src/shared/dates';
import type { MyWorkshopParticipants } from '../../bot/src/shared/workshop-views';
import { type Api, ApiError } from './api';
import { BusyButton, useInFlight } from './InFlight';
import { useSharedStyles } from './styles';
import { fill, type TabLocale, type TabStrings, workshopTeam } from './strings';

/**
 * A facilitator sends one place to a participant of one of their workshops; the bot delivers it in a
 * personal chat. The choice is "workshop|participant" so one select covers both.
 */
export function SendPlace(props: { api: Api; t: TabStrings; locale: TabLocale; placeId: string; placeName: string; workshops: MyWorkshopParticipants[] }) {
  const { api, t, locale, placeId, placeName, workshops } = props;
  const s = t.referrals;
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState('');
  const [result, setResult] = useState<string>();
  const { run, busy } = useInFlight();
  const shared = useSharedStyles();

  if (!open) {
    return (
      <Button size="small" style={{ alignSelf: 'flex-start' }} onClick={() => setOpen(true)} aria-label={fill(s.sendLabel, { name: placeName })}>
        {s.send}
      </Button>
    );
  }

  return (
    <form
      style={{ display: 'flex', gap: 12, alignItems: 'end', flexWrap: 'wrap' }}
      onSubmit={(e) => {
        e.preventDefault();
        const [workshopId, participant] = choice.split('|');
        if (!workshopId || !participant) {
          setResult(s.choose);
          return;
        }
        run('send', 'send', () =>
          api.send<{ message: string }>('POST', `/api/referrals/${placeId}/send`, { workshopId, participant }).then(
            (r) => {
              setResult(r.message);
              setChoice('');
            },
            (e: ApiError) => setResult(fill(t.error, { message: e.message })),
          ),
        );
      }}
    >
      <Field label={fill(s.sendTo, { name: placeName })} className={shared.field}>
        <Select value={choice} onChange={(_, d) => setChoice(d.value)}>
          <option value="">{s.choose}</option>
          {workshops.map((w) => (
            <optgroup key={w.workshopId} label={`${shortDate(new Date(w.startsAt), locale)} · ${workshopTeam(t, w)}`}>
              {w.participants.map((p, i) => (
                <option key={p.id} value={`${w.workshopId}|${p.id}`}>
                  {p.name ?? fill(s.participantN, { n: i + 1 })}
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
      </Field>
      <BusyButton type="submit" appearance="primary" busy={busy('send') !== undefined} busyText={t.busy}>
        {s.sendButton}
      </BusyButton>
      <Button
        onClick={() => {
          // Opened again, the form starts afresh: an earlier outcome would read as the next one's.
          setOpen(false);
          setChoice('');
          setResult(undefined);
        }}
      >
        {s.cancel}
      </Button>
      {/* There from the start, empty: screen readers announce a live region's changes, not its arrival. */}
      <p role="status" style={{ flexBasis: '100%', margin: 0 }}>
        {result}
      </p>
    </form>
  );
}
