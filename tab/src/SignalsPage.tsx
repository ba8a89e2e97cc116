import { Field, Text, Textarea, Title3 } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { type Api, ApiError } from './api';
import { BusyButton, useInFlight } from './InFlight';
import { useSharedStyles } from './styles';
import { Notice, TableSection } from './TableSection';
import { fill, labelOf, type TabStrings } from './strings';

interface DeskSignal {
  id: string;
  reference: string;
  category: string;
  wish: string;
  anonymity: 'anoniem' | 'volledig-anoniem' | 'vertrouwelijk';
  urgency: string;
  status: string;
  receivedOn: string;
  reporterAadObjectId: string | null;
  canAnswer: boolean;
}
interface Opened extends DeskSignal {
  description: string | null;
  messages: Array<{ author: 'reporter' | 'handler'; text: string; createdAt: string }>;
}

/** Signalen: the inbox of the places I staff; opening one is audited; answer through the bot, take on, close. */
export function SignalsPage({ api, t }: { api: Api; t: TabStrings }) {
  const s = t.signals;
  const [inbox, setInbox] = useState<DeskSignal[]>();
  const [opened, setOpened] = useState<Opened>();
  const [notice, setNotice] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const { run, busy } = useInFlight();
  const shared = useSharedStyles();

  const load = useCallback(
    () =>
      api.get<{ signals: DeskSignal[] }>('/api/signals').then(
        (r) => setInbox(r.signals),
        (e: ApiError) => setProblem(e.status === 403 ? s.notCounsellor : fill(t.error, { message: e.message })),
      ),
    [api, s, t],
  );
  useEffect(() => void load(), [load]);

  const open = (id: string) => api.get<{ signal: Opened }>(`/api/signals/${id}`).then((r) => setOpened(r.signal), (e: Error) => setNotice(fill(t.error, { message: e.message })));
  // Opening is audited: a double click opens (and records) once.
  const openOnce = (id: string) => run(`open:${id}`, 'open', () => open(id));
  const who = (x: DeskSignal) =>
    x.anonymity === 'vertrouwelijk' ? fill(s.confidential, { id: x.reporterAadObjectId ?? '' }) : x.anonymity === 'anoniem' ? s.anonymous : s.fullyAnonymous;
  const topic = (c: string) => labelOf(t.topics, c);

  if (problem) return <Text block as="p">{problem}</Text>;
  if (!inbox) return <Text block as="p">{t.loading}</Text>;
  return (
    <>
      <Text block as="p">{s.audited}</Text>
      <Notice text={notice} />
      <TableSection
        id="inbox-heading"
        heading={s.inbox}
        emptyText={s.none}
        headers={[s.reference, s.topic, s.wish, s.who, s.urgency, s.status, s.received, s.open]}
        rows={inbox.map((x) => ({
          key: x.id,
          cells: [
            x.reference,
            topic(x.category),
            labelOf(s.wishes, x.wish),
            who(x),
            labelOf(s.urgencies, x.urgency),
            labelOf(s.statuses, x.status),
            x.receivedOn,
            <BusyButton size="small" aria-label={fill(s.openLabel, { reference: x.reference })} busy={busy(`open:${x.id}`) !== undefined} busyText={t.busy} onClick={() => openOnce(x.id)}>
              {s.open}
            </BusyButton>,
          ],
        }))}
      />

      {opened && (
        <section aria-labelledby="signal-heading">
          <Title3 as="h3" id="signal-heading">
            {`${opened.reference}: ${topic(opened.category)}`}
          </Title3>
          <Text block as="p" className={shared.typed}>
            <strong>{s.description}:</strong> {opened.description ?? s.noDescription}
          </Text>
          <Title3 as="h4">{s.messages}</Title3>
          <ul>
            {opened.messages.map((m, i) => (
              <li key={i} className={shared.typed}>
                <strong>{m.author === 'handler' ? s.fromHandler : s.fromReporter}:</strong> {m.text}
              </li>
            ))}
          </ul>
          {opened.canAnswer && (
            // Keyed by signal: a draft typed for one signal is never sent to the next one opened.
            <AnswerForm
              key={opened.id}
              api={api}
              t={t}
              signalId={opened.id}
              onSent={(outcome) => {
                setNotice(outcome === 'queued' ? s.sent : s.sentNoRoute);
                return open(opened.id);
              }}
              onFailed={(message) => setNotice(fill(t.error, { message }))}
            />
          )}
          <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
            {/* No button for the status the signal already has: taking on what is being handled changes nothing. */}
            {/* One status change at a time: while one is on its way, neither button takes a click. */}
            {(['in-behandeling', 'gesloten'] as const).filter((status) => status !== opened.status).map((status) => (
              <BusyButton
                key={status}
                busy={busy(`status:${opened.id}`) === status}
                blocked={busy(`status:${opened.id}`) !== undefined}
                busyText={t.busy}
                onClick={() =>
                  run(`status:${opened.id}`, status, () =>
                    api.send('POST', `/api/signals/${opened.id}/status`, { status }).then(
                      async () => {
                        if (status === 'gesloten') {
                          setOpened(undefined);
                          setNotice(s.closed);
                          await load();
                        } else await Promise.all([open(opened.id), load()]);
                      },
                      (e: Error) => setNotice(fill(t.error, { message: e.message })),
                    ),
                  )
                }
              >
                {status === 'gesloten' ? s.close : s.startHandling}
              </BusyButton>
            ))}
          </div>
        </section>
      )}
    </>
  );
}

/** The answer to the reporter, sent through the bot; the box empties once the service took it. */
function AnswerForm(props: { api: Api; t: TabStrings; signalId: string; onSent: (outcome: string) => Promise<unknown>; onFailed: (message: string) => void }) {
  const { api, t, signalId, onSent, onFailed } = props;
  const s = t.signals;
  const [answer, setAnswer] = useState('');
  const { run, busy } = useInFlight();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        // Busy until the signal shows the answer among its messages: sent twice, the reporter would get it twice.
        run('answer', 'send', () =>
          api.send<{ outcome: string }>('POST', `/api/signals/${signalId}/answer`, { text: answer }).then(
            (r) => {
              setAnswer('');
              return onSent(r.outcome);
            },
            (e: Error) => onFailed(e.message),
          ),
        );
      }}
    >
      <Field label={s.answer}>
        <Textarea value={answer} maxLength={4000} onChange={(_, d) => setAnswer(d.value)} />
      </Field>
      <BusyButton type="submit" appearance="primary" disabled={!answer.trim()} busy={busy('answer') !== undefined} busyText={t.busy} style={{ marginTop: 8 }}>
        {s.send}
      </BusyButton>
    </form>
  );
}
