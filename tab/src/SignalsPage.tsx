import { Button, Field, Text, Textarea, Title3 } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { type Api, ApiError } from './api';
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

  const load = useCallback(() => {
    api.get<{ signals: DeskSignal[] }>('/api/signals').then(
      (r) => setInbox(r.signals),
      (e: ApiError) => setProblem(e.status === 403 ? s.notCounsellor : fill(t.error, { message: e.message })),
    );
  }, [api, s, t]);
  useEffect(load, [load]);

  const open = (id: string) => api.get<{ signal: Opened }>(`/api/signals/${id}`).then((r) => setOpened(r.signal), (e: Error) => setNotice(fill(t.error, { message: e.message })));
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
            <Button size="small" aria-label={fill(s.openLabel, { reference: x.reference })} onClick={() => open(x.id)}>
              {s.open}
            </Button>,
          ],
        }))}
      />

      {opened && (
        <section aria-labelledby="signal-heading">
          <Title3 as="h3" id="signal-heading">
            {`${opened.reference}: ${topic(opened.category)}`}
          </Title3>
          <Text block as="p">
            <strong>{s.description}:</strong> {opened.description ?? s.noDescription}
          </Text>
          <Title3 as="h4">{s.messages}</Title3>
          <ul>
            {opened.messages.map((m, i) => (
              <li key={i}>
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
                void open(opened.id);
              }}
              onFailed={(message) => setNotice(fill(t.error, { message }))}
            />
          )}
          <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
            {/* No button for the status the signal already has: taking on what is being handled changes nothing. */}
            {(['in-behandeling', 'gesloten'] as const).filter((status) => status !== opened.status).map((status) => (
              <Button
                key={status}
                onClick={() =>
                  api.send('POST', `/api/signals/${opened.id}/status`, { status }).then(
                    () => {
                      if (status === 'gesloten') {
                        setOpened(undefined);
                        setNotice(s.closed);
                      } else void open(opened.id);
                      load();
                    },
                    (e: Error) => setNotice(fill(t.error, { message: e.message })),
                  )
                }
              >
                {status === 'gesloten' ? s.close : s.startHandling}
              </Button>
            ))}
          </div>
        </section>
      )}
    </>
  );
}

/** The answer to the reporter, sent through the bot; the box empties once the service took it. */
function AnswerForm(props: { api: Api; t: TabStrings; signalId: string; onSent: (outcome: string) => void; onFailed: (message: string) => void }) {
  const { api, t, signalId, onSent, onFailed } = props;
  const s = t.signals;
  const [answer, setAnswer] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        api.send<{ outcome: string }>('POST', `/api/signals/${signalId}/answer`, { text: answer }).then(
          (r) => {
            setAnswer('');
            onSent(r.outcome);
          },
          (e: Error) => onFailed(e.message),
        );
      }}
    >
      <Field label={s.answer}>
        <Textarea value={answer} maxLength={4000} onChange={(_, d) => setAnswer(d.value)} />
      </Field>
      <Button type="submit" appearance="primary" disabled={!answer.trim()} style={{ marginTop: 8 }}>
        {s.send}
      </Button>
    </form>
  );
}
