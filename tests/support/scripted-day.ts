import { KeyRing } from '../../bot/src/platform/crypto/signal-keys';
import { KeyRingSignalSealing } from '../../bot/src/features/signals/signal-sealing';
import type { Client } from 'pg';
import type { Queryable } from '../../bot/src/platform/database/database';
import { nl } from './strings';
import { format } from '../../bot/src/platform/i18n/locale';
import { durationWords } from '../../bot/src/features/signals/signal-cards';
import { type ActivityOptions, botInstalled, cardAction, mention, message, submit } from './activities';
import { actionData, cardOf, caseCodeOn, textsOf } from './card-reading';
import type { ConnectorStandIn, RecordedActivity } from './connector-stand-in';
import type { EntraStandIn } from './entra-stand-in';

/**
 * A day at work, scripted: employees raise signals and look up their case codes, managers plan workshops in
 * their channels, facilitators answer through their cards, colleagues register and cancel until a waiting list
 * forms and moves up, counsellors answer signals from the tab, the coordinator reads Inzicht, and the
 * reminders fall due. Every request goes to `baseUrl` as Teams and the tab send them, so the same day runs
 * against one service or several behind a load balancer. The same `round` and dates give the same requests
 * in the same order wherever order matters (one workshop's registrations, the duo answers), so two runs can
 * be compared; independent people (reporters, the workshops among each other) act at the same time.
 */

/** The day reads the database past the services (due jobs, the outbox) through a plain pg client. */
export function queryableOf(client: Client): Queryable {
  return {
    query: async (sql, params) => {
      const result = await client.query(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    exec: async (script) => void (await client.query(script)),
  };
}

export interface DayTarget {
  /** Where Teams and the tab send their requests: one service, or a proxy in front of several. */
  baseUrl: string;
  connector: ConnectorStandIn;
  /** The service's database: reminders are made due there, as the workshop tests do. */
  db: Queryable;
  /** Signs the tab's Entra tokens; the services trust its key set (TAB_JWKS_URL). */
  entra: EntraStandIn;
  /** The services' SIGNAL_KEY: a signal's row is found by the HMAC of its form's id. */
  signalKey: Buffer;
}

export interface DayOptions {
  /** In every person and conversation id, so rounds of a soak never meet; the same round repeats a day exactly. */
  round: string;
  /** When the three workshops are, in Dutch time: on weekdays, where the seeded pool is available. */
  moments: readonly [Moment, Moment, Moment];
  /** Called for every request with its kind, its milliseconds and whether it got the expected answer. */
  record?: (kind: string, ms: number, ok: boolean) => void;
  /** How long to wait for a message the day expects to arrive at the connector. */
  waitMs?: number;
  /** Requests in flight at once where people act independently. */
  concurrency?: number;
}

/** A workshop's date (YYYY-MM-DD) and start (HH:MM), in Dutch time; each lasts two hours. */
export interface Moment {
  date: string;
  time: string;
}

export interface DayOutcome {
  /** Ids the services made (workshops, signals) mapped to the day's own labels, to compare two runs by. */
  labels: Map<string, string>;
  /** Inzicht as the coordinator read it at the end of the day. */
  insights: unknown;
  /** What the day sent and what it expects to have arrived, per kind. */
  figures: Record<string, number>;
}

class DayError extends Error {
  override name = 'DayError';
}

/** A coordinator: that role comes with the token (an app role), not from a seeded table. */
const COORDINATOR_OID = '0e000000-0000-4000-8000-0000000000c1';
/** The seeded counsellor of each organisation (bot/src/samples/counsellors.json). */
const COUNSELLORS: Record<string, string> = {
  bzk: 'de000000-0000-4000-8000-00000000c001',
  jenv: 'de000000-0000-4000-8000-00000000c002',
  financien: 'de000000-0000-4000-8000-00000000c003',
  belastingdienst: 'de000000-0000-4000-8000-00000000c004',
  ubr: 'de000000-0000-4000-8000-00000000c005',
};

interface SignalScript {
  organisation: string;
  category: string;
  wish: string;
  anonymity: string;
  description?: string;
}

/** Eighteen signals of several kinds, anonymous and confidential, most with a description. */
const SIGNALS: readonly SignalScript[] = [
  { organisation: 'bzk', category: 'pesten', wish: 'gesprek', anonymity: 'anoniem', description: 'In het teamoverleg wordt steeds om mij gelachen.' },
  { organisation: 'bzk', category: 'pesten', wish: 'advies', anonymity: 'vertrouwelijk', description: 'Een collega negeert mij al weken.' },
  { organisation: 'bzk', category: 'leidinggevende-hierarchie', wish: 'gesprek', anonymity: 'anoniem', description: 'Mijn leidinggevende kleineert mij in het bijzijn van anderen.' },
  { organisation: 'bzk', category: 'werkdruk-spanning', wish: 'alleen-laten-weten', anonymity: 'volledig-anoniem' },
  { organisation: 'bzk', category: 'discriminatie', wish: 'gesprek', anonymity: 'volledig-anoniem', description: 'Opmerkingen over mijn leeftijd bij elke nieuwe opdracht.' },
  { organisation: 'bzk', category: 'uitsluiting', wish: 'alleen-laten-weten', anonymity: 'anoniem' },
  { organisation: 'jenv', category: 'intimidatie-agressie', wish: 'gesprek', anonymity: 'vertrouwelijk', description: 'Er werd tegen mij geschreeuwd bij de balie.' },
  { organisation: 'jenv', category: 'seksuele-intimidatie', wish: 'gesprek', anonymity: 'anoniem', description: 'Ongewenste opmerkingen over mijn uiterlijk.' },
  { organisation: 'jenv', category: 'werkdruk-spanning', wish: 'gesprek', anonymity: 'anoniem', description: 'Al maanden te veel werk en geen ruimte om het te zeggen.' },
  { organisation: 'jenv', category: 'integriteit', wish: 'formeel-melden', anonymity: 'vertrouwelijk', description: 'Declaraties die niet kloppen.' },
  { organisation: 'financien', category: 'pesten', wish: 'gesprek', anonymity: 'anoniem', description: 'Grappen ten koste van mij in de groepsapp.' },
  { organisation: 'financien', category: 'misstand', wish: 'advies', anonymity: 'volledig-anoniem', description: 'Een regeling wordt structureel verkeerd toegepast.' },
  { organisation: 'financien', category: 'werkdruk-spanning', wish: 'gesprek', anonymity: 'vertrouwelijk' },
  { organisation: 'belastingdienst', category: 'uitsluiting', wish: 'gesprek', anonymity: 'anoniem', description: 'Ik word niet uitgenodigd voor het teamuitje.' },
  { organisation: 'belastingdienst', category: 'iets-anders', wish: 'alleen-laten-weten', anonymity: 'anoniem', description: 'Het voelt onveilig om kritiek te geven.' },
  { organisation: 'ubr', category: 'discriminatie', wish: 'gesprek', anonymity: 'vertrouwelijk', description: 'Mijn afkomst wordt steeds ter sprake gebracht.' },
  { organisation: 'ubr', category: 'werkdruk-spanning', wish: 'gesprek', anonymity: 'anoniem', description: 'Ik slaap slecht door de druk op het werk.' },
  { organisation: 'ubr', category: 'leidinggevende-hierarchie', wish: 'advies', anonymity: 'anoniem' },
];

interface WorkshopScript {
  label: string;
  channel: string;
  organisation: string;
  seats: number;
  /** Colleagues who register, in this order; then those in `cancels` cancel, in that order. */
  registrations: number;
  cancels: readonly number[];
  /** The first facilitator asked (by id) declines, so the next is asked. */
  declineFirst: boolean;
}

/** Three workshops: two fill up and form a waiting list that moves up after cancellations, one keeps seats free. */
const WORKSHOPS: readonly WorkshopScript[] = [
  { label: 'W1', channel: 'mt-dag-bzk', organisation: 'bzk', seats: 4, registrations: 6, cancels: [2], declineFirst: false },
  { label: 'W2', channel: 'mt-dag-bzk', organisation: 'jenv', seats: 6, registrations: 8, cancels: [3, 5], declineFirst: true },
  { label: 'W3', channel: 'team-ubr', organisation: 'ubr', seats: 5, registrations: 3, cancels: [], declineFirst: false },
];

/** The texts that tell a delivered card's kind, most specific first. */
const KINDS: ReadonlyArray<[string, string]> = [
  [nl.workshop.duoRequestTitle, 'duo-request'],
  [nl.followUp.answerTitle, 'signal-answer'],
  ...Object.entries(nl.workshop.notices).map(([notice, text]): [string, string] => [text, notice]),
  [nl.signal.receiptTitle, 'receipt'],
];

/** Each delivered activity read once: a soak's checks look at the same few hundred many times over. */
const read = new WeakMap<object, { kind: string; json: string }>();

function readOf(activity: RecordedActivity['activity']): { kind: string; json: string } {
  let known = read.get(activity);
  if (!known) read.set(activity, (known = { kind: describe(activity), json: JSON.stringify(activity) }));
  return known;
}

/** What a delivered activity is: a notice, an answer, a receipt, or a reply named by its first line. */
const kindOf = (activity: RecordedActivity['activity']): string => readOf(activity).kind;

function describe(activity: RecordedActivity['activity']): string {
  const card = activity.attachments?.[0]?.content;
  const texts = card ? textsOf(card) : (activity.text ?? '');
  const known = KINDS.find(([text]) => texts.includes(text));
  if (known) return known[1];
  // Case codes and digits (seats left, dates) vary: the rest of the first line names the reply.
  const first = (texts.split('\n')[0] ?? '').replace(/SV-\w{4}-\w{4}/g, '<case code>').replace(/\d+/g, '#');
  return `reply: ${first.slice(0, 60)}`;
}

/** A card names its workshop in its actions' data or in its calendar link. */
const WORKSHOP_ID = /"workshopId":"([0-9a-f-]{36})"|\/api\/workshops\/([0-9a-f-]{36})\//;

/**
 * Deliveries at the connector, counted per recipient, kind and workshop: the opened 1:1 chats stand for their
 * member, ids the services made for the day's labels. A lost message is a missing key, a doubled one a 2.
 */
export function deliveriesOf(connector: ConnectorStandIn, labels: ReadonlyMap<string, string>): Record<string, number> {
  const chats = chatLabels(connector);
  const counts: Record<string, number> = {};
  for (const r of connector.received) {
    const id = WORKSHOP_ID.exec(readOf(r.activity).json);
    const workshopId = id?.[1] ?? id?.[2];
    const workshop = workshopId ? (labels.get(workshopId) ?? workshopId) : '-';
    const key = `${chats.get(r.conversationId) ?? r.conversationId} | ${kindOf(r.activity)} | ${workshop}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The shared invitation cards as their channels show them at the end: the last update of each. Updates are
 * coalesced (many changes, one send of the newest state), so their number depends on timing; the last does not.
 */
export function finalInvitations(connector: ConnectorStandIn): Record<string, string> {
  const last: Record<string, string> = {};
  for (const u of connector.updates) last[`${u.conversationId} ${u.activityId}`] = textsOf(u.activity.attachments?.[0]?.content);
  return Object.fromEntries(Object.entries(last).sort(([a], [b]) => a.localeCompare(b)));
}

/** The 1:1 chats the services opened, named by their member (their ids are the connector's own counter). */
export function chatLabels(connector: ConnectorStandIn): Map<string, string> {
  return new Map(connector.created.map((c) => [c.id, `chat with ${c.members.map((m) => m.id).join(',')}`]));
}

/** Runs the day; throws a DayError naming the step when a request is not answered as Teams or the tab would expect. */
export async function runScriptedDay(target: DayTarget, options: DayOptions): Promise<DayOutcome> {
  const day = new Day(target, options);
  return day.run();
}

interface RaisedSignal {
  script: SignalScript;
  chat: ActivityOptions;
  submissionId: string;
}

interface PlannedWorkshop {
  script: WorkshopScript;
  id: string;
  invitationId: string;
  channel: ActivityOptions;
  /** The version the invitation card carries; a change would raise it. */
  version: number;
}

class Day {
  private readonly waitMs: number;
  private readonly concurrency: number;
  private readonly labels = new Map<string, string>();
  private readonly figures: Record<string, number> = {};
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(
    private readonly target: DayTarget,
    private readonly options: DayOptions,
  ) {
    this.waitMs = options.waitMs ?? 20_000;
    this.concurrency = options.concurrency ?? 6;
  }

  async run(): Promise<DayOutcome> {
    const [signals, workshops] = await Promise.all([this.raiseSignals(), this.planWorkshops()]);
    await this.answerDuoRequests(workshops);
    await Promise.all([this.register(workshops), this.followSignalsUp(signals), this.readPlanning(workshops)]);
    await this.remind(workshops);
    const insights = await this.tab('tab.insights', COORDINATOR_OID, ['Coordinator'], 'GET', '/api/insights');
    await this.tab('tab.pool', COORDINATOR_OID, ['Coordinator'], 'GET', '/api/pool');
    await this.tab('tab.workshops', COORDINATOR_OID, ['Coordinator'], 'GET', '/api/workshops');
    await this.settle(workshops, signals);
    return { labels: this.labels, insights, figures: this.figures };
  }

  // --- employees: Iets aankaarten, and the case code afterwards ---

  private async raiseSignals(): Promise<RaisedSignal[]> {
    const raised: RaisedSignal[] = [];
    await inParallel(SIGNALS, this.concurrency, async (script, i) => {
      const chat = this.personalChat(`reporter-${i + 1}`);
      // Every other reporter installed the app before; the rest meet the bot for the first time.
      if (i % 2 === 0) await this.turn('install', botInstalled(chat));
      await this.turn('signal.start', submit(chat, { action: 'capability.signal' }));
      const form = cardOf(await this.turn('signal.form', submit(chat, { action: 'signal.form', organisation: script.organisation })));
      const data = actionData(form, 'signal.submit');
      if (!data) throw new DayError(`signal ${i + 1}: no form`);
      const { organisation, category, wish, anonymity, description } = script;
      const receipt = await this.turn('signal.submit', submit(chat, { ...data, organisation, category, wish, anonymity, ...(description ? { description } : {}) }));
      const caseCode = caseCodeOn(receipt);
      if (!caseCode) throw new DayError(`signal ${i + 1}: no receipt with a case code`);
      raised[i] = { script, chat, submissionId: data.submissionId as string };
      this.count('signals raised');
      // A third look their signal up later that day.
      if (i % 3 === 0) {
        const status = await this.turn('signal.lookup', message(chat, caseCode));
        if (!textsOf(cardOf(status)).includes(caseCode)) throw new DayError(`signal ${i + 1}: the case code did not find the signal`);
        this.count('case codes looked up');
      }
    });
    const sealing = new KeyRingSignalSealing(new KeyRing(this.target.signalKey));
    for (const [i, s] of raised.entries()) {
      // An anonymous signal reaches its table when the mixer publishes it (the services run with batches of one).
      const deadline = Date.now() + this.waitMs;
      let id: string | undefined;
      while (!id) {
        const { rows } = await this.target.db.query<{ id: string }>('SELECT id FROM signals WHERE submission_hmac = $1', [sealing.submissionHmac(s.submissionId)]);
        id = rows[0]?.id;
        if (id) break;
        if (Date.now() > deadline) throw new DayError(`signal ${i + 1}: confirmed but not stored`);
        await new Promise((r) => setTimeout(r, 50));
      }
      this.labels.set(id, `signal S${i + 1} of ${this.options.round}`);
    }
    return raised;
  }

  // --- managers: a workshop planned in the channel, through Universal Actions ---

  private async planWorkshops(): Promise<PlannedWorkshop[]> {
    const planned: PlannedWorkshop[] = [];
    // One after the other: the duo proposal weighs the pool's load, which each plan changes.
    for (const [i, script] of WORKSHOPS.entries()) {
      const channel: ActivityOptions = {
        serviceUrl: this.target.connector.serviceUrl,
        conversationId: `19:${this.options.round}-${script.channel}@thread.tacv2`,
        conversationType: 'channel',
        userId: `29:${this.options.round}-manager-${script.organisation}`,
        aadObjectId: `aad-${this.options.round}-manager-${script.organisation}`,
        name: `Fictieve Manager ${script.organisation}`,
      };
      const invitationId = `${this.options.round}-invitation-${script.label}`;
      const start = cardOf(await this.turn('workshop.mention', mention(channel, 'workshop plannen')));
      const openForm = start?.actions?.[0];
      if (!openForm?.verb) throw new DayError(`${script.label}: no planning button`);
      const form = await this.invoke('workshop.openForm', channel, openForm.verb, openForm.data, invitationId);
      const send = form.value?.actions?.find((a: { verb?: string }) => a.verb === 'workshop.plan');
      if (!send) throw new DayError(`${script.label}: no planning form`);
      const reply = await this.invoke(
        'workshop.plan',
        channel,
        'workshop.plan',
        {
          ...send.data,
          ...this.options.moments[i],
          lengthMinutes: '120',
          location: `https://teams.microsoft.com/l/meetup-join/19%3a${script.label}`,
          audience: 'mt-leidinggevenden',
          seats: String(script.seats),
          language: 'nl',
          organisation: script.organisation,
          note: '',
        },
        invitationId,
      );
      const register = reply.value?.actions?.find((a: { verb?: string }) => a.verb === 'workshop.register');
      if (!register?.data?.workshopId) throw new DayError(`${script.label}: not planned (${textsOf(reply.value).slice(0, 200)})`);
      this.labels.set(register.data.workshopId, `workshop ${script.label} of ${this.options.round}`);
      planned.push({ script, id: register.data.workshopId, invitationId, channel, version: register.data.version });
      this.count('workshops planned');
    }
    return planned;
  }

  // --- facilitators: the personal request card, accepted (or declined, and the next one asked) ---

  private async answerDuoRequests(workshops: readonly PlannedWorkshop[]): Promise<void> {
    for (const w of workshops) {
      const answered = new Set<string>();
      let decline = w.script.declineFirst;
      let accepted = 0;
      // Two accepts confirm the duo; a decline brings one more request.
      while (answered.size < (w.script.declineFirst ? 3 : 2)) {
        // Two requests are out until one is accepted: wait for both, so the choice below does not depend on
        // which delivery came first (with two processes, either may).
        const request = await this.waitForDuoRequest(w, answered, 2 - accepted);
        const { facilitatorId } = request.data;
        const verb = decline ? 'duo.decline' : 'duo.accept';
        decline = false;
        const reply = await this.invoke('duo.answer', request.chat, verb, request.data);
        if (typeof reply.value !== 'object') throw new DayError(`${w.script.label}: ${verb} by ${facilitatorId} answered "${String(reply.value)}"`);
        answered.add(facilitatorId);
        if (verb === 'duo.accept') accepted += 1;
        this.count(verb === 'duo.accept' ? 'duo requests accepted' : 'duo requests declined');
      }
      await this.until(() => this.deliveredTo(w, 'duo-confirmed') >= 1, `${w.script.label}: the organiser was not told the duo is confirmed`);
    }
  }

  /**
   * The next unanswered request card for this workshop, lowest facilitator id first, and the chat it came in,
   * once `outstanding` unanswered requests have arrived.
   */
  private async waitForDuoRequest(w: PlannedWorkshop, answered: ReadonlySet<string>, outstanding: number) {
    const unanswered = () =>
      this.target.connector.received
        .filter((r) => kindOf(r.activity) === 'duo-request')
        .map((r) => ({ r, data: (cardOf(r)?.actions ?? []).find((a: { verb?: string }) => a.verb === 'duo.accept')?.data }))
        .filter((x) => x.data?.workshopId === w.id && !answered.has(x.data.facilitatorId))
        .sort((a, b) => String(a.data.facilitatorId).localeCompare(String(b.data.facilitatorId)));
    await this.until(() => new Set(unanswered().map((x) => x.data.facilitatorId)).size >= outstanding, `${w.script.label}: ${outstanding} duo requests did not arrive`);
    const { r, data } = unanswered()[0]!;
    const member = this.target.connector.created.find((c) => c.id === r.conversationId)?.members[0]?.id;
    const aad = await this.facilitatorAad(data.facilitatorId);
    const chat: ActivityOptions = { serviceUrl: this.target.connector.serviceUrl, conversationId: r.conversationId, userId: member ?? `29:${aad}`, aadObjectId: aad };
    return { chat, data: data as { workshopId: string; facilitatorId: string } };
  }

  private async facilitatorAad(facilitatorId: string): Promise<string> {
    const { rows } = await this.target.db.query<{ aad: string }>('SELECT aad_object_id AS aad FROM facilitators WHERE id = $1', [facilitatorId]);
    if (!rows[0]) throw new DayError(`unknown facilitator ${facilitatorId}`);
    return rows[0].aad;
  }

  // --- colleagues: register on the invitation until it is full, then cancel, so the waiting list moves up ---

  private async register(workshops: readonly PlannedWorkshop[]): Promise<void> {
    // Each workshop's registrations in order (the waiting list is an order); the workshops at the same time.
    await Promise.all(
      workshops.map(async (w) => {
        for (let n = 1; n <= w.script.registrations; n++) {
          const person = this.colleague(w, n);
          // Some installed the app before; a reminder then goes to that chat instead of a new one.
          if (n % 2 === 1) await this.turn('install', botInstalled(this.personalChat(`${w.script.label}-colleague-${n}`, person)));
          const reply = await this.invoke('workshop.register', person, 'workshop.register', { workshopId: w.id, version: w.version }, w.invitationId);
          const texts = textsOf(reply.value);
          const expected = n <= w.script.seats ? nl.workshop.outcomes.aangemeld : nl.workshop.outcomes.wachtlijst.replace('{position}', String(n - w.script.seats));
          if (!texts.includes(expected)) throw new DayError(`${w.script.label}: colleague ${n} did not read "${expected}"`);
          this.count(n <= w.script.seats ? 'registered' : 'waiting list');
        }
        // Someone looks at the card again: the user-specific view.
        await this.invoke('workshop.refresh', this.colleague(w, 1), 'workshop.refresh', { workshopId: w.id }, w.invitationId);
        let promoted = 0;
        for (const n of w.script.cancels) {
          const waitingBefore = Math.max(0, w.script.registrations - w.script.seats - promoted);
          const reply = await this.invoke('workshop.unregister', this.colleague(w, n), 'workshop.unregister', { workshopId: w.id, version: w.version }, w.invitationId);
          if (!textsOf(reply.value).includes(nl.workshop.outcomes.afgemeld)) throw new DayError(`${w.script.label}: colleague ${n} could not cancel`);
          this.count('cancelled');
          // A registered person who leaves gives the seat to the first who waits; one who waits just leaves the list.
          if (n <= w.script.seats + promoted && waitingBefore > 0) {
            promoted++;
            this.count('promoted');
          }
        }
        await this.until(() => this.deliveredTo(w, 'promoted') >= promoted, `${w.script.label}: the promoted colleagues were not told`);
      }),
    );
  }

  private colleague(w: PlannedWorkshop, n: number): ActivityOptions {
    return { ...w.channel, userId: `29:${this.options.round}-${w.script.label}-colleague-${n}`, aadObjectId: `aad-${this.options.round}-${w.script.label}-colleague-${n}`, name: `Collega ${n}` };
  }

  // --- counsellors: the Signalen page of the tab; the answers reach the reporters through the bot ---

  private async followSignalsUp(signals: readonly RaisedSignal[]): Promise<void> {
    let queued = 0;
    await inParallel(Object.entries(COUNSELLORS), this.concurrency, async ([organisation, oid]) => {
      const inbox = (await this.tab('tab.signals', oid, ['Counsellor'], 'GET', '/api/signals')) as { signals: Array<{ id: string; category: string; canAnswer: boolean }> };
      const ours = inbox.signals.filter((s) => this.labels.has(s.id));
      for (const s of ours) {
        await this.tab('tab.signal', oid, ['Counsellor'], 'GET', `/api/signals/${s.id}`);
        this.count('signals read');
        if (!s.canAnswer) continue;
        const answer = (await this.tab('tab.answer', oid, ['Counsellor'], 'POST', `/api/signals/${s.id}/answer`, {
          text: `Dank je voor je signaal (${s.category}, ${organisation}). Zullen we deze week even bellen?`,
        })) as { outcome: string };
        this.count(`answers ${answer.outcome}`);
        if (answer.outcome === 'queued') queued++;
        // Werkdruk is talked through in the answer; the rest stays open for the conversation.
        if (s.category === 'werkdruk-spanning') {
          await this.tab('tab.status', oid, ['Counsellor'], 'POST', `/api/signals/${s.id}/status`, { status: 'gesloten', outcome: 'advies-gegeven' });
          this.count('signals closed');
        }
      }
    });
    await this.until(() => this.countDelivered(signals, 'signal-answer') >= queued, 'the counsellors\' answers did not reach the reporters');
    // The first reporters who got an answer write back on its card.
    const answered = signals.filter((s) => this.answerCard(s) !== undefined).slice(0, 3);
    await inParallel(answered, this.concurrency, async (s) => {
      const data = actionData(this.answerCard(s), 'signal.reply');
      const reply = await this.turn('signal.reply', submit(s.chat, { ...data, reply: 'Dank je, dat is goed. Donderdag kan ik.' }));
      const stored = [nl.followUp.replyStored, format(nl.followUp.replyOnItsWay, { within: durationWords(nl, 0) })];
      if (!stored.includes(reply.activity.text ?? '')) throw new DayError('a reporter\'s answer back was not stored');
      this.count('reporters answered back');
    });
  }

  private answerCard(s: RaisedSignal): unknown {
    const answer = this.target.connector.received.find((r) => r.conversationId === s.chat.conversationId && kindOf(r.activity) === 'signal-answer');
    return answer && cardOf(answer);
  }

  private countDelivered(signals: readonly RaisedSignal[], kind: string): number {
    const chats = new Set(signals.map((s) => s.chat.conversationId));
    return this.target.connector.received.filter((r) => chats.has(r.conversationId) && kindOf(r.activity) === kind).length;
  }

  // --- facilitators in the tab, and the reminders as the scheduler sends them ---

  private async readPlanning(workshops: readonly PlannedWorkshop[]): Promise<void> {
    const { rows } = await this.target.db.query<{ aad: string }>(
      `SELECT DISTINCT f.aad_object_id AS aad FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id
       WHERE x.workshop_id = ANY($1::uuid[]) ORDER BY 1`,
      [workshops.map((w) => w.id)],
    );
    await inParallel(rows, this.concurrency, async ({ aad }) => {
      await this.tab('tab.planning', aad, [], 'GET', '/api/planning');
      await this.tab('tab.referrals', aad, [], 'GET', '/api/referrals?topic=pesten&organisation=bzk');
    });
  }

  private async remind(workshops: readonly PlannedWorkshop[]): Promise<void> {
    const started = performance.now();
    // As the workshop tests do: the jobs of a day and an hour before fall due now.
    await this.target.db.query(
      `UPDATE workshop_jobs SET due_at = now() - interval '1 second' WHERE workshop_id = ANY($1::uuid[]) AND kind IN ('reminder-day', 'reminder-hour')`,
      [workshops.map((w) => w.id)],
    );
    const seated = (w: PlannedWorkshop) => Math.min(w.script.seats, w.script.registrations - w.script.cancels.length);
    const expected = workshops.reduce((sum, w) => sum + 2 * seated(w), 0);
    this.count('reminders expected', expected);
    const arrived = () => workshops.reduce((sum, w) => sum + this.deliveredTo(w, 'reminder-day') + this.deliveredTo(w, 'reminder-hour'), 0);
    await this.until(() => arrived() >= expected, () => `reminders: ${arrived()} of ${expected} arrived`);
    this.options.record?.('reminders (all due to all arrived)', performance.now() - started, true);
  }

  /** The day is over when nothing the day caused waits in the outbox any more. */
  private async settle(workshops: readonly PlannedWorkshop[], signals: readonly RaisedSignal[]): Promise<void> {
    const ids = [...this.labels.keys()];
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      // Nothing left to send, and nothing left in the mixer.
      const { rows } = await this.target.db.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM outbox WHERE workshop_id = ANY($1::uuid[]) OR signal_id = ANY($1::uuid[])) + (SELECT count(*) FROM mix_envelopes) AS n`,
        [ids],
      );
      if (Number(rows[0]!.n) === 0) break;
      if (Date.now() > deadline) throw new DayError(`${rows[0]!.n} messages still in the outbox or the mixer (${workshops.length} workshops, ${signals.length} signals)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  // --- requests as Teams and the tab send them ---

  private personalChat(who: string, person?: ActivityOptions): ActivityOptions {
    const r = this.options.round;
    return {
      serviceUrl: this.target.connector.serviceUrl,
      conversationId: `a:${r}-${who}`,
      conversationType: 'personal',
      userId: person?.userId ?? `29:${r}-${who}`,
      aadObjectId: person?.aadObjectId ?? `aad-${r}-${who}`,
      name: person?.name ?? 'Fictieve Collega',
    };
  }

  private async timed<T>(kind: string, work: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      const result = await work();
      this.options.record?.(kind, performance.now() - t0, true);
      return result;
    } catch (error) {
      this.options.record?.(kind, performance.now() - t0, false);
      throw error;
    }
  }

  /** A message activity; returns the bot's reply to it. */
  private async turn(kind: string, activity: { id: string; type?: string }): Promise<RecordedActivity> {
    await this.timed(kind, async () => {
      const res = await fetch(`${this.target.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new DayError(`${kind}: HTTP ${res.status}`);
    });
    const isReply = (r: RecordedActivity) => r.replyToId === activity.id;
    await this.until(() => this.target.connector.received.some(isReply), `${kind}: no reply`);
    return this.target.connector.received.find(isReply)!;
  }

  /** An Action.Execute click; returns the invoke response's card (or text) in `value`. */
  private async invoke(kind: string, who: ActivityOptions, verb: string, data: Record<string, unknown>, replyToId = 'card'): Promise<{ value?: any }> {
    return this.timed(kind, async () => {
      const res = await fetch(`${this.target.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(cardAction(who, verb, data, replyToId)),
      });
      const text = await res.text();
      const body = text ? JSON.parse(text) : {};
      if (res.status !== 200 || body.statusCode !== 200) throw new DayError(`${kind}: HTTP ${res.status}, invoke status ${body.statusCode}`);
      return body;
    });
  }

  /** A call of the tab's API with an Entra token for `oid`; returns the JSON body. */
  private async tab(kind: string, oid: string, roles: string[], method: string, path: string, body?: unknown): Promise<unknown> {
    const key = `${oid} ${roles.join(',')}`;
    if (!this.tokens.has(key)) this.tokens.set(key, this.target.entra.token(oid, { roles }));
    const token = await this.tokens.get(key)!;
    return this.timed(kind, async () => {
      const res = await fetch(`${this.target.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'accept-language': 'nl-NL', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new DayError(`${kind}: HTTP ${res.status} ${text.slice(0, 200)}`);
      return text ? JSON.parse(text) : undefined;
    });
  }

  private deliveredTo(w: PlannedWorkshop, kind: string): number {
    return this.target.connector.received.filter((r) => kindOf(r.activity) === kind && readOf(r.activity).json.includes(w.id)).length;
  }

  /** Waits for the connector to have received what `check` looks for; else fails with `what` (read at the failure). */
  private async until(check: () => boolean, what: string | (() => string)): Promise<void> {
    await this.target.connector.until(check, this.waitMs).catch(() => {
      throw new DayError(typeof what === 'string' ? what : what());
    });
  }

  private count(figure: string, n = 1): void {
    this.figures[figure] = (this.figures[figure] ?? 0) + n;
  }
}

/** Runs `work` for every item, at most `concurrency` at once; the first failure fails the whole. */
async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
