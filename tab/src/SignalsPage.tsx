import { Button, Field, Select, Text, Textarea, Title3 } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { Clock, DeskSignal, HandoverRequest, OpenedDeskSignal as Opened, StatusChange } from '../../bot/src/shared/api/desk';
import { type HandoverReason, type Outcome, type ReferralRole, REFER_ROLES, type ReferRole } from '../../bot/src/shared/signal-vocabulary';
import { shortDate } from '../../bot/src/shared/dates';
import { type Api, ApiError } from './api';
import { BusyButton, useInFlight } from './InFlight';
import { useSharedStyles } from './styles';
import { Notice, TableSection } from './TableSection';
import { Options } from './Options';
import { fill, labelOf, type TabLocale, type TabStrings } from './strings';

/**
 * Signalen: the inbox of the places I staff, signals with a reply I have not seen first; opening one is audited;
 * answer through the bot, take on, close (after a confirmation; the reporter is told), and the closed ones, which
 * can be opened again.
 */
export function SignalsPage({ api, t, locale }: { api: Api; t: TabStrings; locale: TabLocale }) {
  const s = t.signals;
  const [inbox, setInbox] = useState<{ open: DeskSignal[]; closed: DeskSignal[] }>();
  const [opened, setOpened] = useState<Opened>();
  const [confirmClose, setConfirmClose] = useState(false);
  const [handingOver, setHandingOver] = useState(false);
  const [referring, setReferring] = useState(false);
  // How the signal ended, chosen while closing; `missing` once closing was tried without it.
  const [outcome, setOutcome] = useState<{ value: Outcome | ''; missing: boolean }>({ value: '', missing: false });
  const askToClose = (asking: boolean) => {
    setConfirmClose(asking);
    setOutcome({ value: '', missing: false });
  };
  const [notice, setNotice] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const { run, busy } = useInFlight();
  const shared = useSharedStyles();

  const load = useCallback(
    () =>
      api.get<{ signals: DeskSignal[]; closed: DeskSignal[] }>('/api/signals').then(
        (r) => setInbox({ open: r.signals, closed: r.closed }),
        (e: ApiError) => setProblem(e.status === 403 ? s.notCounsellor : fill(t.error, { message: e.message })),
      ),
    [api, s, t],
  );
  useEffect(() => void load(), [load]);

  // How many signals wait with a reply not yet seen: said on the page and in the window's title, in words.
  const unread = inbox?.open.filter((x) => x.unreadReplies > 0).length ?? 0;
  const late = inbox?.open.filter((x) => x.clock?.state === 'te-laat').length ?? 0;
  useEffect(() => {
    const base = document.title.replace(/^\(\d+\) /, '');
    document.title = unread > 0 ? `(${unread}) ${base}` : base;
  }, [unread]);

  const open = (id: string) =>
    api.get<{ signal: Opened }>(`/api/signals/${id}`).then(
      (r) => {
        setOpened(r.signal);
        askToClose(false);
        setHandingOver(false);
        setReferring(false);
        // Opened: its replies are read now (the service counts from this opening on too).
        setInbox((list) => list && { ...list, open: list.open.map((x) => (x.id === id ? { ...x, unreadReplies: 0 } : x)) });
      },
      (e: Error) => setNotice(fill(t.error, { message: e.message })),
    );
  const setStatus = (id: string, change: StatusChange) => {
    const { status } = change;
    return run(`status:${id}`, status, () =>
      api.send('POST', `/api/signals/${id}/status`, change).then(
        async () => {
          askToClose(false);
          const told = [...(inbox?.open ?? []), ...(inbox?.closed ?? [])].find((x) => x.id === id)?.reporterTold ?? false;
          if (status === 'gesloten') {
            setOpened(undefined);
            setNotice(told ? s.closed : s.closedQuiet);
            await load();
          } else {
            setNotice(opened?.id === id ? undefined : told ? s.reopened : s.reopenedQuiet);
            await Promise.all([opened?.id === id ? open(id) : undefined, load()]);
          }
        },
        (e: Error) => setNotice(fill(t.error, { message: e.message })),
      ),
    );
  };
  const place = (role: ReferralRole) => labelOf(t.kaart.roles, role);
  const handOver = (id: string, request: HandoverRequest) =>
    run(`status:${id}`, 'handover', () =>
      api.send('POST', `/api/signals/${id}/handover`, request).then(
        async () => {
          const told = inbox?.open.find((x) => x.id === id)?.reporterTold ?? false;
          setOpened(undefined);
          setNotice(fill(told ? s.handedOverTold : s.handedOver, { place: place(request.to) }));
          await load();
        },
        (e: Error) => setNotice(fill(t.error, { message: e.message })),
      ),
    );
  const refer = (id: string, to: ReferRole) =>
    run(`status:${id}`, 'refer', () =>
      api.send('POST', `/api/signals/${id}/refer`, { to }).then(
        async () => {
          const told = inbox?.open.find((x) => x.id === id)?.reporterTold ?? false;
          setOpened(undefined);
          setReferring(false);
          setNotice(fill(told ? s.referredTold : s.referred, { place: place(to) }));
          await load();
        },
        (e: Error) => setNotice(fill(t.error, { message: e.message })),
      ),
    );
  const close = (id: string) => (outcome.value === '' ? setOutcome({ value: '', missing: true }) : setStatus(id, { status: 'gesloten', outcome: outcome.value }));
  const day = (iso: string) => shortDate(new Date(iso), locale);
  // Due soon and overdue said in words (and bold), not by colour alone.
  const term = (clock: Clock | null) =>
    clock ? (
      <>
        {fill(s.termBy, { what: s.termKinds[clock.kind], day: day(clock.dueOn) })}
        {clock.state !== 'op-tijd' && (
          <>
            {' '}
            <strong>{clock.state === 'te-laat' ? s.termLate : s.termSoon}</strong>
          </>
        )}
      </>
    ) : (
      '–'
    );
  // Opening is audited: a double click opens (and records) once.
  const openOnce = (id: string) => run(`open:${id}`, 'open', () => open(id));
  const who = (x: DeskSignal) =>
    x.anonymity === 'vertrouwelijk' ? s.confidential : x.anonymity === 'anoniem' ? s.anonymous : s.fullyAnonymous;
  const topic = (c: string) => labelOf(t.topics, c);

  if (problem) return <Text block as="p">{problem}</Text>;
  if (!inbox) return <Text block as="p">{t.loading}</Text>;
  return (
    <>
      <Text block as="p">{s.audited}</Text>
      <Text block as="p" role="status" aria-live="polite">
        {unread > 0 ? fill(unread === 1 ? s.unreadOne : s.unreadMany, { count: unread }) : ''}
        {unread > 0 && late > 0 ? ' ' : ''}
        {late > 0 ? fill(late === 1 ? s.lateOne : s.lateMany, { count: late }) : ''}
      </Text>
      <Text block as="p">{s.termHelp}</Text>
      <Notice text={notice} />
      <TableSection
        id="inbox-heading"
        heading={s.inbox}
        emptyText={s.none}
        headers={[s.reference, s.reply, s.term, s.topic, s.wish, s.who, s.urgency, s.status, s.received, s.open]}
        rows={inbox.open.map((x) => ({
          key: x.id,
          cells: [
            x.reference,
            // In words, not by colour alone.
            x.unreadReplies > 0 ? <strong>{fill(x.unreadReplies === 1 ? s.newReply : s.newReplies, { count: x.unreadReplies })}</strong> : '–',
            term(x.clock),
            topic(x.category),
            labelOf(s.wishes, x.wish),
            who(x),
            labelOf(s.urgencies, x.urgency),
            labelOf(s.statuses, x.status),
            day(x.receivedOn),
            <BusyButton size="small" aria-label={fill(s.openLabel, { reference: x.reference })} busy={busy(`open:${x.id}`) !== undefined} busyText={t.busy} onClick={() => openOnce(x.id)}>
              {s.open}
            </BusyButton>,
          ],
        }))}
      />
      <TableSection
        id="closed-heading"
        heading={s.closedHeading}
        emptyText={s.noneClosed}
        headers={[s.reference, s.topic, s.received, s.closedOn, s.outcomeColumn, s.reopen]}
        rows={inbox.closed.map((x) => ({
          key: x.id,
          cells: [
            x.reference,
            topic(x.category),
            day(x.receivedOn),
            x.closedOn ? day(x.closedOn) : '–',
            x.outcome ? s.outcomes[x.outcome] : '–',
            <BusyButton
              size="small"
              aria-label={fill(s.reopenLabel, { reference: x.reference })}
              busy={busy(`status:${x.id}`) !== undefined}
              busyText={t.busy}
              onClick={() => setStatus(x.id, { status: 'in-behandeling' })}
            >
              {s.reopen}
            </BusyButton>,
          ],
        }))}
      />

      {opened && (
        <section aria-labelledby="signal-heading">
          <Title3 as="h3" id="signal-heading">
            {`${opened.reference}: ${topic(opened.category)}`}
          </Title3>
          {atLoket(opened) && (
            <Text block as="p">
              {s.atLoket}
            </Text>
          )}
          {opened.anonymity === 'vertrouwelijk' && !atLoket(opened) && (
            // Signals from before names were kept (or without one from Teams) show the Entra id instead.
            <Text block as="p" className={shared.typed}>
              <strong>{opened.reporterName ? s.reporterName : s.reporterId}:</strong> {opened.reporterName ?? opened.reporterAadObjectId ?? '–'}
            </Text>
          )}
          {!atLoket(opened) && (
            <Text block as="p" className={shared.typed}>
              <strong>{s.description}:</strong> {opened.description ?? s.noDescription}
            </Text>
          )}
          {opened.wish === 'laten-lezen' && (
            <Text block as="p">
              {s.readOnly}
            </Text>
          )}
          {!atLoket(opened) && (
            <>
              <Title3 as="h4">{s.messages}</Title3>
              <ul>
                {opened.messages.map((m, i) => (
                  <li key={i} className={shared.typed}>
                    <strong>{m.author === 'handler' ? s.fromHandler : s.fromReporter}:</strong> {m.text}
                  </li>
                ))}
              </ul>
            </>
          )}
          {opened.handovers.map((h, i) => (
            <Text block as="p" key={`handover-${i}`}>
              {fill(s.handoverHistory, { day: day(h.on), from: place(h.from), to: place(h.to), reason: s.handoverReasons[h.reason] })}
            </Text>
          ))}
          {opened.canAnswer && (
            // Keyed by signal: a draft typed for one signal is never sent to the next one opened.
            <AnswerForm
              key={opened.id}
              api={api}
              t={t}
              signalId={opened.id}
              onSent={(outcome) => {
                setNotice(outcome === 'queued' ? s.sent : s.sentNoRoute);
                // An answer takes the signal on and meets its first-reaction term: the list shows that too.
                return Promise.all([open(opened.id), load()]);
              }}
              onFailed={(message) => setNotice(fill(t.error, { message }))}
            />
          )}
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 12 }}>
            {/* No button for the status the signal already has: taking on what is being handled changes nothing. */}
            {opened.status !== 'in-behandeling' && !atLoket(opened) && (
              <BusyButton
                busy={busy(`status:${opened.id}`) === 'in-behandeling'}
                blocked={busy(`status:${opened.id}`) !== undefined}
                busyText={t.busy}
                onClick={() => setStatus(opened.id, { status: 'in-behandeling' })}
              >
                {s.startHandling}
              </BusyButton>
            )}
            {!confirmClose && !handingOver && !referring && (
              <BusyButton busy={false} blocked={busy(`status:${opened.id}`) !== undefined} busyText={t.busy} onClick={() => setReferring(true)}>
                {s.refer}
              </BusyButton>
            )}
            {opened.handoverTo.length > 0 && !confirmClose && !handingOver && !referring && (
              <BusyButton busy={false} blocked={busy(`status:${opened.id}`) !== undefined} busyText={t.busy} onClick={() => setHandingOver(true)}>
                {s.handOver}
              </BusyButton>
            )}
            {/* Closing asks first: the reporter is told, and the conversation ends until someone opens it again. */}
            {!confirmClose && !atLoket(opened) && (
              <BusyButton busy={false} blocked={busy(`status:${opened.id}`) !== undefined} busyText={t.busy} onClick={() => askToClose(true)}>
                {s.close}
              </BusyButton>
            )}
          </div>
          {handingOver && (
            <HandoverForm
              key={opened.id}
              t={t}
              places={opened.handoverTo}
              fromLoket={atLoket(opened)}
              placeName={place}
              busy={busy(`status:${opened.id}`) === 'handover'}
              blocked={busy(`status:${opened.id}`) !== undefined}
              onHandOver={(request) => handOver(opened.id, request)}
              onBack={() => setHandingOver(false)}
            />
          )}
          {referring && (
            <ReferForm
              key={opened.id}
              t={t}
              placeName={place}
              told={opened.reporterTold}
              busy={busy(`status:${opened.id}`) === 'refer'}
              blocked={busy(`status:${opened.id}`) !== undefined}
              onRefer={(to) => refer(opened.id, to)}
              onBack={() => setReferring(false)}
            />
          )}
          {confirmClose && (
            <div role="group" aria-labelledby="confirm-close" style={{ marginTop: 12 }}>
              <Text block as="p" id="confirm-close">
                {opened.reporterTold ? s.closeConfirm : s.closeConfirmQuiet}
              </Text>
              <Field label={s.outcome} required validationMessage={outcome.missing ? s.outcomeRequired : undefined} className={shared.field}>
                <Select value={outcome.value} onChange={(_, d) => setOutcome({ value: d.value as Outcome | '', missing: false })}>
                  <option value="" disabled>
                    {s.outcomePlaceholder}
                  </option>
                  {/* The options are the keys of the outcomes' labels (shared/labels/desk.ts): a chosen value is an outcome. */}
                  <Options labels={s.outcomes} />
                </Select>
              </Field>
              <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
                <BusyButton
                  appearance="primary"
                  busy={busy(`status:${opened.id}`) === 'gesloten'}
                  blocked={busy(`status:${opened.id}`) !== undefined}
                  busyText={t.busy}
                  onClick={() => close(opened.id)}
                >
                  {s.closeYes}
                </BusyButton>
                <Button onClick={() => askToClose(false)}>{s.closeBack}</Button>
              </div>
            </div>
          )}
        </section>
      )}
    </>
  );
}

/** At the sociaal loket: nothing of the signal was opened, and only passing it on is for this desk. */
const atLoket = (signal: { inboxRole: string }) => signal.inboxRole === 'sociaal-loket';

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

/** Passing a signal on: to which desk of its organisation and why, both required, asked before anything is sent. */
function HandoverForm(props: {
  t: TabStrings;
  places: ReferralRole[];
  /** The loket gives one reason, its own; the other desks choose theirs. */
  fromLoket: boolean;
  placeName: (role: ReferralRole) => string;
  busy: boolean;
  blocked: boolean;
  onHandOver: (request: HandoverRequest) => unknown;
  onBack: () => void;
}) {
  const { t, places, fromLoket, placeName, busy, blocked, onHandOver, onBack } = props;
  const s = t.signals;
  const shared = useSharedStyles();
  const [to, setTo] = useState<ReferralRole | ''>('');
  const [reason, setReason] = useState<HandoverReason | ''>(fromLoket ? 'loket' : '');
  const { loket: _loket, ...deskReasons } = s.handoverReasons;
  const [missing, setMissing] = useState(false);
  return (
    <div role="group" aria-labelledby="handover-explain" style={{ marginTop: 12 }}>
      <Text block as="p" id="handover-explain">
        {s.handOverExplain}
      </Text>
      <Field label={s.handOverTo} required validationMessage={missing && to === '' ? s.handOverRequired : undefined} className={shared.field}>
        {/* The options are the desks the service names for this signal: a chosen value is one of them. */}
        <Select value={to} onChange={(_, d) => setTo(d.value as ReferralRole | '')}>
          <option value="" disabled>
            {s.handOverChoose}
          </option>
          {places.map((role) => (
            <option key={role} value={role}>
              {placeName(role)}
            </option>
          ))}
        </Select>
      </Field>
      {!fromLoket && (
        <Field label={s.handOverReason} required validationMessage={missing && reason === '' ? s.handOverRequired : undefined} className={shared.field}>
          <Select value={reason} onChange={(_, d) => setReason(d.value as HandoverReason | '')}>
            <option value="" disabled>
              {s.handOverChoose}
            </option>
            <Options labels={deskReasons} />
          </Select>
        </Field>
      )}
      <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        <BusyButton appearance="primary" busy={busy} blocked={blocked} busyText={t.busy} onClick={() => (to === '' || reason === '' ? setMissing(true) : onHandOver({ to, reason }))}>
          {s.handOverConfirm}
        </BusyButton>
        <Button onClick={onBack}>{s.closeBack}</Button>
      </div>
    </div>
  );
}

/**
 * Closes a signal with a Rijk-wide place that fits it better: the reporter gets its name and how to reach it;
 * nothing is sent there.
 */
function ReferForm(props: { t: TabStrings; placeName: (role: ReferralRole) => string; told: boolean; busy: boolean; blocked: boolean; onRefer: (to: ReferRole) => unknown; onBack: () => void }) {
  const { t, placeName, told, busy, blocked, onRefer, onBack } = props;
  const s = t.signals;
  const shared = useSharedStyles();
  const [to, setTo] = useState<ReferRole | ''>('');
  const [missing, setMissing] = useState(false);
  return (
    <div role="group" aria-labelledby="refer-explain" style={{ marginTop: 12 }}>
      <Text block as="p" id="refer-explain">
        {told ? s.referExplain : s.referExplainQuiet}
      </Text>
      <Field label={s.referTo} required validationMessage={missing && to === '' ? s.handOverRequired : undefined} className={shared.field}>
        <Select value={to} onChange={(_, d) => setTo(d.value as ReferRole | '')}>
          <option value="" disabled>
            {s.handOverChoose}
          </option>
          {REFER_ROLES.map((role) => (
            <option key={role} value={role}>
              {placeName(role)}
            </option>
          ))}
        </Select>
      </Field>
      <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
        <BusyButton appearance="primary" busy={busy} blocked={blocked} busyText={t.busy} onClick={() => (to === '' ? setMissing(true) : onRefer(to))}>
          {s.referConfirm}
        </BusyButton>
        <Button onClick={onBack}>{s.closeBack}</Button>
      </div>
    </div>
  );
}
