import { nl } from '../support/strings';
import { KeyRingSignalSealing } from '../../bot/src/features/signals/signal-sealing';
import { KeyRing } from '../../bot/src/platform/crypto/signal-keys';
import type { Database } from '../../bot/src/platform/database/database';
import { openPostgres } from '../../bot/src/platform/database/postgres-database';
import { cardAction, mention, submit, TENANT_ID } from '../support/activities';
import { actionData, cardOf, textsOf } from '../support/card-reading';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { seedReminderRound } from '../support/reminder-round';
import { startServiceProcess } from '../support/service-process';
import { tempPostgres, postgresDescribe } from '../support/storages';
import { nextTuesday } from '../support/workshop-steps';
import { eventually } from '../support/eventually';

jest.setTimeout(60_000);

const describeWithPostgres = postgresDescribe('Shutdown under load test');

const SIGNAL_KEY = Buffer.alloc(32, 9);
const GRACE_MS = 10_000;
/** The pilot's largest group: everyone after the eighth goes on the waiting list, which is a success too. */
const SEATS = 8;
/** Conversations sending at once: half raise signals, half register for the workshop. */
const CONVERSATIONS = 20;

/** What became of one request: answered and done, refused before it was taken, or anything else. */
interface Attempt {
  kind: 'signal' | 'registration';
  /** Milliseconds after SIGTERM that the request was sent (negative: before), and that its answer came. */
  sentAt: number;
  answeredAt: number;
  outcome: 'done' | 'refused' | 'http-503' | string;
  /** The form's submission id, or the person who registered. */
  key: string;
}

describeWithPostgres('SIGTERM while 20 conversations raise signals and register', () => {
  it('loses no committed work, stores nothing half, refuses what comes after, exits 0 within the grace period; the outbox resumes on restart', async () => {
    const store = await tempPostgres();
    const url = (store.storage as { url: string }).url;
    const connector = await new ConnectorStandIn().start();
    const env = {
      DATABASE_URL: url,
      SIGNAL_KEY: SIGNAL_KEY.toString('base64'),
      OUTBOX_POLL_MS: '100',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      DELIVERY_CLAIM_LEASE_SECONDS: '4',
      // The load is the point here, not the abuse limits.
      LIMIT_TURNS_PER_MINUTE: '100000',
      LIMIT_SIGNALS_PER_HOUR: '100000',
    };
    // The test's own connection, beside the service's.
    const db: Database = await openPostgres({ url });
    let service = await startServiceProcess(env);
    try {
      const post = async (activity: object): Promise<{ status: number; body?: any }> => {
        const res = await fetch(`http://127.0.0.1:${service.port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        const text = await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : undefined };
      };
      const replyTo = (id: string) => connector.received.find((r) => r.replyToId === id);

      // A workshop planned in a channel as a manager does.
      const channel = { serviceUrl: connector.serviceUrl, conversationId: '19:shutdown@thread.tacv2', conversationType: 'channel' as const, userId: '29:manager', aadObjectId: 'aad-manager' };
      const start = mention(channel, 'workshop plannen');
      await post(start);
      const openForm = cardOf(replyTo(start.id)).actions[0];
      const form = await post(cardAction(channel, openForm.verb, openForm.data));
      const plan = form.body.value.actions.find((a: any) => a.verb === 'workshop.plan');
      const planned = await post(
        cardAction(channel, 'workshop.plan', { ...plan.data, ...nextTuesday(), location: 'https://teams.microsoft.com/l/meetup-join/shutdown', audience: 'gemengd', seats: String(SEATS), language: 'nl' }),
      );
      const workshopId = planned.body.value.actions.find((a: any) => a.verb === 'workshop.register').data.workshopId as string;

      let sigtermAt = Number.POSITIVE_INFINITY;
      let exited = false;
      const attempts: Attempt[] = [];
      /** Sends one request and classifies what came back; `done` decides whether the answer means success. */
      const attempt = async (kind: Attempt['kind'], key: string, activity: { id: string }, done: (body: any) => boolean): Promise<Attempt['outcome']> => {
        const sentAt = performance.now() - sigtermAt;
        let outcome: Attempt['outcome'];
        try {
          const res = await post(activity);
          outcome = res.status === 200 ? (done(res.body) ? 'done' : `answered: ${JSON.stringify(res.body?.value ?? replyTo(activity.id)?.activity.text ?? '')}`) : `http-${res.status}`;
        } catch {
          // Connection refused, or closed before an answer: the request was not taken.
          outcome = 'refused';
        }
        attempts.push({ kind, sentAt, answeredAt: performance.now() - sigtermAt, outcome, key });
        if (outcome === 'refused') await new Promise((r) => setTimeout(r, 50));
        return outcome;
      };
      const raiser = async (n: number) => {
        const chat = { serviceUrl: connector.serviceUrl, conversationId: `a:raiser-${n}`, userId: `29:raiser-${n}`, aadObjectId: `aad-raiser-${n}` };
        while (!exited) {
          const open = submit(chat, { action: 'signal.form', organisation: 'bzk' });
          if ((await attempt('signal', 'form', open, () => Boolean(actionData(cardOf(replyTo(open.id)), 'signal.submit')))) !== 'done') continue;
          const form = actionData(cardOf(replyTo(open.id)), 'signal.submit')!;
          const submissionId = form.submissionId as string;
          const send = submit(chat, { ...form, category: 'pesten', wish: 'gesprek', anonymity: 'anoniem', description: 'Ze lachen me steeds uit in het overleg.' });
          await attempt('signal', submissionId, send, () => textsOf(cardOf(replyTo(send.id))).includes(nl.signal.receiptTitle));
        }
      };
      const registrar = async (n: number) => {
        for (let k = 0; !exited; k++) {
          const person = { ...channel, userId: `29:r${n}-${k}`, aadObjectId: `aad-r${n}-${k}` };
          await attempt('registration', person.aadObjectId, cardAction(person, 'workshop.register', { workshopId, version: 1 }), (body) => {
            const texts = textsOf(body?.value);
            return texts.includes(nl.workshop.outcomes.aangemeld) || /Je staat op de wachtlijst, plaats \d+/.test(texts);
          });
        }
      };
      const load = Promise.all(Array.from({ length: CONVERSATIONS }, (_, n) => (n % 2 === 0 ? raiser(n) : registrar(n))));

      // A reminder round is being delivered too, so there is outbox work in flight at the stop.
      const round = await seedReminderRound(db, { count: 200, serviceUrl: connector.serviceUrl, tenantId: TENANT_ID });
      const loaded = Date.now() + 8_000;
      while (attempts.filter((a) => a.outcome === 'done').length < 100 && Date.now() < loaded) await new Promise((r) => setTimeout(r, 50));
      sigtermAt = performance.now();
      const exit = new Promise<number | null>((resolve) => service.child.once('exit', (code) => resolve(code)));
      service.child.kill('SIGTERM');
      const code = await exit;
      const exitMs = performance.now() - sigtermAt;
      exited = true;
      await load;
      const deliveredBeforeStop = round.conversations.filter((c) => connector.deliveries().has(c)).length;

      // Every success answer stands for complete data: stored, or an envelope committed for the mixer (which the
      // restarted service publishes below). What waited in the mixer at the stop waits still.
      const waitingAtExit = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mix_envelopes')).rows[0]!.n;
      const outboxAtExit = (await db.query<{ status: string; in_doubt: boolean; n: number }>('SELECT status, in_doubt, count(*)::int AS n FROM outbox GROUP BY 1, 2')).rows;
      expect(code).toBe(0);
      expect(exitMs).toBeLessThan(GRACE_MS);
      // The delivery engine settled what it was sending before the process went: nothing in doubt.
      expect(outboxAtExit.filter((r) => r.status === 'sending' || r.in_doubt)).toEqual([]);

      // Started again, it sends what was committed but not yet delivered: the rest of the round, each once.
      service = await startServiceProcess(env);
      // Every success answer stands for complete data, once the mixer has published what waited at the stop.
      await eventually(async () => expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM mix_envelopes')).rows[0]!.n).toBe(0), 30_000);
      const done = attempts.filter((a) => a.outcome === 'done' && a.key !== 'form');
      const hmac = new KeyRingSignalSealing(new KeyRing(SIGNAL_KEY));
      const signals = (
        await db.query<{ submission_hmac: Buffer; description_sealed: string | null; inbox_role: string | null }>('SELECT submission_hmac, description_sealed, inbox_role FROM signals')
      ).rows;
      const stored = new Set(signals.map((s) => s.submission_hmac.toString('hex')));
      const registrations = (await db.query<{ aad_object_id: string; status: string }>('SELECT aad_object_id, status FROM registrations WHERE workshop_id = $1', [workshopId])).rows;
      const registered = new Set(registrations.map((r) => r.aad_object_id));
      const lostSignals = done.filter((a) => a.kind === 'signal' && !stored.has(hmac.submissionHmac(a.key).toString('hex')));
      const lostRegistrations = done.filter((a) => a.kind === 'registration' && !registered.has(a.key));
      const afterStop = attempts.filter((a) => a.sentAt >= 0);
      const underWay = attempts.filter((a) => a.sentAt < 0 && a.answeredAt >= 0);
      const outcomes = (list: Attempt[]) => list.reduce<Record<string, number>>((n, a) => ({ ...n, [a.outcome]: (n[a.outcome] ?? 0) + 1 }), {});
      process.stdout.write(
        `SIGTERM under load: exit ${code} after ${Math.round(exitMs)} ms (grace ${GRACE_MS}); requests before ${JSON.stringify(outcomes(attempts.filter((a) => a.sentAt < 0)))}, ` +
          `under way at the signal ${JSON.stringify(outcomes(underWay))}, after ${JSON.stringify(outcomes(afterStop))}; success answers ${done.length} (signals ${done.filter((a) => a.kind === 'signal').length}, registrations ${done.filter((a) => a.kind === 'registration').length}), ` +
          `lost ${lostSignals.length + lostRegistrations.length}; stored ${signals.length} signals, ${registrations.length} registrations; ` +
          `reminders delivered before the stop ${deliveredBeforeStop}/200, outbox at exit ${JSON.stringify(outboxAtExit)}, envelopes waiting at exit ${waitingAtExit}\n`,
      );

      expect(done.filter((a) => a.sentAt < 0).length).toBeGreaterThan(20);
      expect(lostSignals).toEqual([]);
      expect(lostRegistrations).toEqual([]);
      // Before the stop everything succeeded; after it, a request is either done completely or refused. `sentAt` is
      // when the client started a request, not when the service got it: one started in the last moment before the
      // signal can reach a service already stopping, and is refused as one sent after (a CI run saw two). Refused or
      // told 503 before the signal would be a failure; every request answered so is still held to "done".
      const notTaken = (a: Attempt) => a.answeredAt >= 0 && (a.outcome === 'refused' || a.outcome === 'http-503');
      expect(attempts.filter((a) => a.sentAt < 0 && a.outcome !== 'done' && !notTaken(a))).toEqual([]);
      expect(afterStop.filter((a) => !['done', 'refused', 'http-503'].includes(a.outcome))).toEqual([]);
      // Nothing half: every signal has its sealed text and its inbox, nothing came from nowhere, no seat was sold twice.
      expect(signals.filter((s) => !s.description_sealed || !s.inbox_role)).toEqual([]);
      const submitted = new Set(attempts.filter((a) => a.kind === 'signal' && a.key !== 'form').map((a) => hmac.submissionHmac(a.key).toString('hex')));
      expect([...stored].filter((s) => !submitted.has(s))).toEqual([]);
      const tried = new Set(attempts.filter((a) => a.kind === 'registration').map((a) => a.key));
      expect(registrations.filter((r) => !tried.has(r.aad_object_id))).toEqual([]);
      expect(registrations.filter((r) => r.status === 'aangemeld')).toHaveLength(Math.min(SEATS, registrations.length));
      await connector.until(() => round.conversations.every((c) => connector.deliveries().has(c)), 30_000);
      await new Promise((r) => setTimeout(r, 500));
      const sent = connector.deliveries();
      expect(round.conversations.filter((c) => sent.get(c) !== 1)).toEqual([]);
      const left = async () => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE status <> 'failed'")).rows[0]!.n;
      await eventually(async () => expect(await left()).toBe(0), 10_000);
    } finally {
      await service.stop();
      await db.close();
      await connector.stop();
      await store.dispose();
    }
  });
});
