import { type ActivityOptions, message, submit } from './activities';
import { actionData, cardOf, caseCodeOn } from './card-reading';
import { ConnectorStandIn, type RecordedActivity } from './connector-stand-in';
import { settle, signalIdOf, startService } from './service';
import type { StoreFactory, StoreFixture } from './storages';
import type { Config } from '../../bot/src/config/config';

/** What a signal form's send button carries. */
export interface SignalForm {
  action: 'signal.submit';
  submissionId: string;
  issuedAt: number;
  formToken: string;
  organisation: string;
}

/**
 * The real service on a fresh store with a Bot Connector stand-in, for a `describe` block, and the
 * steps a person takes in a personal chat. Every log line is kept in `logLines`.
 */
export function useBotHarness(createStore: StoreFactory, overrides: () => Partial<Config> = () => ({})) {
  let store: StoreFixture;
  const h = {
    connector: undefined as unknown as ConnectorStandIn,
    service: undefined as unknown as Awaited<ReturnType<typeof startService>>,
    logLines: [] as string[],

    newChat(): ActivityOptions {
      return { serviceUrl: h.connector.serviceUrl, conversationId: `a:personal-${Math.random()}` };
    },

    /** Posts one activity as the Bot Connector would and returns the reply to it (not a proactive message that happens to arrive). */
    async turn(activity: { id: string }): Promise<RecordedActivity> {
      h.connector.clear();
      const res = await h.service.post(activity);
      expect(res.status).toBe(200);
      const isReply = (r: RecordedActivity) => r.replyToId === activity.id;
      await h.connector.until(() => h.connector.received.some(isReply));
      return h.connector.received.find(isReply)!;
    },

    /** As `turn`, but leaves what others received in place: for turns sent side by side. */
    async turnAlongside(activity: { id: string }): Promise<RecordedActivity> {
      const res = await h.service.post(activity);
      expect(res.status).toBe(200);
      const isReply = (r: RecordedActivity) => r.replyToId === activity.id;
      await h.connector.until(() => h.connector.received.some(isReply));
      return h.connector.received.find(isReply)!;
    },

    submitIn: (chat: ActivityOptions, value: unknown) => h.turn(submit(chat, value)),
    say: (chat: ActivityOptions, text: string) => h.turn(message(chat, text)),

    /**
     * Card 1 and card 2 of Iets aankaarten: returns what the open form's send button carries (its id, organisation
     * and proof), to spread into a submit.
     */
    async openForm(chat: ActivityOptions, organisation = 'jenv'): Promise<SignalForm> {
      const start = cardOf(await h.submitIn(chat, { action: 'capability.signal' }));
      expect(start.body.find((b: { id?: string }) => b.id === 'organisation').choices).toHaveLength(5);
      const form = cardOf(await h.submitIn(chat, { action: 'signal.form', organisation }));
      const data = actionData(form, 'signal.submit');
      expect(data).toMatchObject({ organisation });
      return data as unknown as SignalForm;
    },

    /** Raises a signal at BZK, about bullying unless said otherwise; returns its case code and its id. */
    async raise(chat: ActivityOptions, anonymity: string, wish = 'gesprek', category = 'pesten'): Promise<{ code: string; id: string }> {
      const form = await h.openForm(chat, 'bzk');
      const receipt = await h.submitIn(chat, { ...form, category, wish, anonymity });
      const code = caseCodeOn(receipt)!;
      return { code, id: await signalIdOf(h.service.app, form.submissionId) };
    },

    /** Signals stored, once the mixer has published what waits (batches of one in tests). */
    async signalCount(): Promise<number> {
      await settle(h.service.app);
      return (await h.service.app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM signals')).rows[0]!.n;
    },
  };

  beforeAll(async () => {
    store = await createStore();
    h.connector = await new ConnectorStandIn().start();
    h.service = await startService(store.storage, overrides(), undefined, h.logLines);
  });
  afterAll(async () => {
    await h.service?.app.stop();
    await h.connector?.stop();
    await store?.dispose();
  });
  return h;
}
