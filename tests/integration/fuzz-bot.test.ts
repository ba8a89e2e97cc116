import { en, nl } from '../support/strings';
import fc from 'fast-check';
import type { Strings } from '../support/strings';
import { ANONYMITY, CATEGORIES, WISHES } from '../../bot/src/shared/signal-vocabulary';
import { AUDIENCES } from '../../bot/src/shared/workshop-vocabulary';
import { WORKSHOP_VERBS, type WorkshopVerb } from '../../bot/src/features/workshops/workshop-cards';
import { type ActivityOptions, cardAction, mention, message, submit, teamsActivity } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { actionData, cardOf, textsOf } from '../support/card-reading';
import { changedTables, domainTables, type Fingerprint, fingerprinter } from '../support/db-fingerprint';
import { eventually } from '../support/eventually';
import {
  ABSENT,
  assertProperty,
  FUZZ_LIMITS,
  FUZZ_SEED,
  hugeString,
  junkKeys,
  locale,
  nastyJson,
  nastyString,
  notANumber,
  notAString,
  notAUuid,
  notOneOf,
  oneFieldBroken,
  says,
  withOwnKeys,
} from '../support/fuzz-arbitraries';
import { storesUnderTest } from '../support/storages';
import { nextTuesday, workshopSteps } from '../support/workshop-steps';

/**
 * Property-based fuzzing of every card submit (Action.Submit values in message activities, the workshop
 * cards' Action.Submit fallback included) and every Action.Execute invoke, through the real HTTP endpoint as
 * Teams would call it. For every case: HTTP 200 and, for an invoke, the Universal Actions answer (200 with a
 * card or a message); a reply that says one of the known refusals in the activity's language (never silence,
 * never the "something went wrong" message); nothing changed in any domain table and nothing sent to anyone
 * else. Unhandled rejections and uncaught exceptions fail the running test: jest-circus replaces the process's
 * own listeners with its handlers for the whole run (a listener registered here would never be called, the
 * test's `process` being a copy), and the service runs in this process.
 */

jest.setTimeout(15 * 60_000);

const STRINGS = { nl, en } as const;
/** The organisations of the seeded sociale kaart. */
const ORGANISATIONS = ['belastingdienst', 'bzk', 'financien', 'jenv', 'ubr'];

/** What a case answered: a message text or a card. */
interface Answer {
  text?: string;
  card?: unknown;
}

/** The answer says one of `messages`: its text, or one of the texts on its card. */
function expectSays(answer: Answer, messages: readonly string[], what: string): void {
  const shown = answer.text ?? textsOf(answer.card);
  if (messages.some((m) => says(shown, m))) return;
  throw new Error(`${what}: the answer says none of the expected messages.\nanswer: ${JSON.stringify(shown).slice(0, 600)}\nexpected one of: ${JSON.stringify(messages).slice(0, 600)}`);
}

/** The activity in this locale; `undefined` leaves the field out, as a client might. */
function inLocale<T extends { locale?: string }>(activity: T, tag: string | undefined): T {
  if (tag === undefined) delete activity.locale;
  else activity.locale = tag;
  return activity;
}

/** Flips one character of a token: the right shape, the wrong value. */
const flipped = (token: string) => fc.nat({ max: token.length - 1 }).map((i) => `${token.slice(0, i)}${token[i] === 'A' ? 'B' : 'A'}${token.slice(i + 1)}`);

/** A uuid that names nothing, or no uuid at all. */
const notAnId = fc.oneof(notAUuid, fc.uuid(), fc.constant(ABSENT));
/** A version no card carries: wrong type, out of range, not whole. */
const badVersion = fc.oneof(notANumber, fc.constantFrom<unknown>(0, -1, 1.5, 1_000_001, '0', '-1', '1.5', '1000001', 2 ** 53), fc.constant(ABSENT));
/** An optional text field broken: too long, or of another type (blank would mean "not given", which is valid). */
const badOptionalText = (max: number) => fc.oneof(fc.integer({ min: max + 1, max: max * 4 }).map((n) => 'x'.repeat(n)), hugeString, notAString.filter((v) => v !== null));

describe.each(storesUnderTest())('fuzzing every card submit and invoke on %s', (kind, createStore) => {
  // From this storage's first hook: describe blocks are all read before any of them runs.
  let started = 0;
  beforeAll(() => {
    started = Date.now();
  });
  const h = useBotHarness(createStore, () => FUZZ_LIMITS);
  const w = workshopSteps(h);
  let cases = 0;
  let fingerprint: () => Promise<Fingerprint>;
  let last: Fingerprint;

  /** The real cards' data and the people who may press their buttons, prepared once. */
  const f = {} as {
    reporter: ActivityOptions;
    startCard: any;
    formSubmit: Record<string, unknown>;
    talkShow: Record<string, unknown>;
    replyData: Record<string, unknown>;
    channel: ActivityOptions;
    participant: ActivityOptions;
    workshop: { workshopId: string; version: number };
    planForm: Record<string, unknown>;
    moveData: Record<string, unknown>;
    facilitator: ActivityOptions;
    duoData: Record<string, unknown>;
    otherFacilitatorId: string;
    finished: string;
    finishedParticipant: ActivityOptions;
    finishedFacilitator: ActivityOptions;
    programme: { programmeId: string; version: number };
    programmeForm: Record<string, string>;
    sessions: string[];
  };

  beforeAll(async () => {
    const db = h.service.app.db;
    // Iets aankaarten: a signal with a handler's answer (for the answer-back card), then an open form.
    f.reporter = { ...h.newChat(), userId: '29:fuzz-reporter', aadObjectId: 'aad-fuzz-reporter' };
    const signal = await h.raise(f.reporter, 'anoniem');
    h.connector.clear();
    expect(await h.service.app.followUp.answer(signal.id, 'Schikt morgen om tien uur?')).toBe('queued');
    const [answerCard] = await h.connector.waitFor(1);
    f.replyData = { ...actionData(cardOf(answerCard), 'signal.reply'), reply: 'Ja, dat schikt.' };
    f.startCard = cardOf(await h.submitIn(f.reporter, { action: 'capability.signal' }));
    const form = cardOf(await h.submitIn(f.reporter, { ...actionData(f.startCard, 'signal.form'), organisation: 'jenv' }));
    f.formSubmit = { ...actionData(form, 'signal.submit'), category: 'pesten', wish: 'gesprek', anonymity: 'anoniem', description: 'Er wordt over mij geroddeld.' };
    const talk = cardOf(await h.submitIn(f.reporter, { action: 'capability.talk' }));
    f.talkShow = { ...actionData(talk, 'talk.show'), topic: 'werkdruk-spanning', organisation: 'ubr' };

    // Workshops: one planned in a channel, a participant, an asked facilitator, a fresh planning form, a change form.
    f.channel = { serviceUrl: h.connector.serviceUrl, conversationId: `19:fuzz-${Math.random()}@thread.tacv2`, conversationType: 'channel', userId: '29:fuzz-manager', aadObjectId: 'aad-fuzz-manager', name: 'Fictieve Manager' };
    const planned = await w.plan(f.channel);
    f.workshop = planned.reply.value.actions.find((a: any) => a.verb === 'workshop.register').data;
    f.participant = w.person(f.channel, 1);
    await w.invoke(f.participant, 'workshop.register', f.workshop);
    const duo = await db.query<{ facilitator_id: string; aad_object_id: string }>(
      `SELECT x.facilitator_id, f.aad_object_id FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id WHERE x.workshop_id = $1 ORDER BY f.id`,
      [planned.workshopId],
    );
    const asked = duo.rows[0]!;
    f.facilitator = { serviceUrl: h.connector.serviceUrl, conversationId: `a:fuzz-${asked.aad_object_id}`, userId: `29:${asked.aad_object_id}`, aadObjectId: asked.aad_object_id };
    f.duoData = { workshopId: planned.workshopId, facilitatorId: asked.facilitator_id };
    f.otherFacilitatorId = duo.rows[1]!.facilitator_id;
    const start = await h.turn(mention(f.channel, 'workshop plannen'));
    const open = (start.activity.attachments![0]!.content as any).actions[0];
    const planFormCard = await w.invoke(f.channel, open.verb, open.data, `fuzz-${Math.random()}`);
    f.planForm = {
      ...planFormCard.value.actions.find((a: any) => a.verb === 'workshop.plan').data,
      ...nextTuesday('10:00', 60),
      lengthMinutes: '120',
      location: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_fuzz',
      audience: 'gemengd',
      seats: '8',
      language: 'nl',
      organisation: 'bzk',
      note: 'Graag aandacht voor nieuwe collega’s.',
    };
    const change = await w.invoke(f.channel, 'workshop.change', f.workshop);
    f.moveData = { ...change.value.actions.find((a: any) => a.verb === 'workshop.move').data, ...nextTuesday('14:00', 10), lengthMinutes: '90', location: 'Zaal 4, Den Haag', audience: 'gemengd', seats: '8', language: 'nl' };

    // A bijeenkomst with two rounds, and a fresh planning form for another.
    const meeting = await w.planProgramme(f.channel);
    f.programme = { programmeId: meeting.programmeId!, version: 1 };
    f.sessions = meeting.sessions;
    f.programmeForm = (await w.planProgramme({ ...f.channel, conversationId: `19:fuzz-form-${Math.random()}@thread.tacv2` }, { title: '' })).body;

    // A workshop that is over: its duo accepted, a participant who may evaluate and ask for aftercare.
    const over = await w.plan({ ...f.channel, conversationId: `19:fuzz-over-${Math.random()}@thread.tacv2` });
    f.finished = over.workshopId!;
    f.finishedParticipant = w.person(f.channel, 2);
    await w.invoke(f.finishedParticipant, 'workshop.register', { workshopId: f.finished, version: 1 });
    const overDuo = await db.query<{ facilitator_id: string; aad_object_id: string }>(
      `SELECT x.facilitator_id, f.aad_object_id FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id WHERE x.workshop_id = $1`,
      [f.finished],
    );
    for (const m of overDuo.rows) {
      await w.invoke({ ...f.channel, userId: `29:${m.aad_object_id}`, aadObjectId: m.aad_object_id }, 'duo.accept', { workshopId: f.finished, facilitatorId: m.facilitator_id });
    }
    f.finishedFacilitator = { ...f.channel, conversationType: 'personal', conversationId: `a:fuzz-after-${Math.random()}`, userId: `29:${overDuo.rows[0]!.aad_object_id}`, aadObjectId: overDuo.rows[0]!.aad_object_id };
    await db.query(`UPDATE workshops SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`, [f.finished]);
    await db.query(`UPDATE workshop_jobs SET due_at = now() - interval '1 minute' WHERE workshop_id = $1 AND kind = 'evaluation'`, [f.finished]);

    // Everything queued so far is sent and every due job done before the first case, so nothing moves by itself.
    await eventually(async () => {
      const busy = await db.query(`SELECT (SELECT count(*) FROM outbox WHERE status <> 'failed') + (SELECT count(*) FROM workshop_jobs WHERE done_at IS NULL AND due_at <= now()) AS n`);
      expect(Number(busy.rows[0]!.n)).toBe(0);
    }, 20_000);
    fingerprint = fingerprinter(db, await domainTables(db));
    last = await fingerprint();
  });

  afterAll(() => {
    process.stdout.write(`fuzz-bot on ${kind}: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${FUZZ_SEED})\n`);
  });

  /**
   * Runs one case and then, whatever it did, compares every domain table with the state before it: a case that
   * failed otherwise cannot leave its change to be blamed on the next one.
   */
  async function checked<T>(what: string, send: () => Promise<T>): Promise<T> {
    cases++;
    let outcome: { value: T } | { error: unknown };
    try {
      outcome = { value: await send() };
    } catch (error) {
      outcome = { error };
    }
    const now = await fingerprint();
    const changed = changedTables(last, now);
    last = now;
    if (changed.length > 0) throw new Error(`${what}: changed ${changed.join(', ')}${'error' in outcome ? `; and ${String(outcome.error)}` : ''}`);
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }

  /** Nothing but the reply reached the connector: no proactive message, no card update, no chat opened. */
  function expectNothingElseSent(what: string, replies: number): void {
    const { received, updates, created } = h.connector;
    if (received.length !== replies || updates.length > 0 || created.length > 0) {
      throw new Error(`${what}: sent ${received.length} activities (${replies} expected), ${updates.length} updates, ${created.length} new chats`);
    }
  }

  /** A message activity in: its one reply out (text or card); nothing changed. */
  const messageCase = (activity: { id: string }, what: string): Promise<Answer> =>
    checked(what, async () => {
      const reply = await h.turn(activity);
      expectNothingElseSent(what, 1);
      const card = cardOf(reply);
      return card ? { card } : { text: reply.activity.text };
    });

  /** An Action.Execute in: the Universal Actions answer (200, a card or a message); nothing sent, nothing changed. */
  const invokeCase = (activity: object, what: string): Promise<Answer> =>
    checked(what, async () => {
      h.connector.clear();
      const res = await h.service.post(activity);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${what}: HTTP ${res.status} ${body.slice(0, 300)}`);
      const response = JSON.parse(body) as { statusCode?: number; type?: string; value?: unknown };
      expect(response.statusCode).toBe(200);
      // Give a stray message (onTurnError's) the moment it needs to arrive, so it is seen.
      await new Promise((r) => setTimeout(r, 5));
      expectNothingElseSent(what, 0);
      if (response.type === 'application/vnd.microsoft.card.adaptive') return { card: response.value };
      expect(response.type).toBe('application/vnd.microsoft.activity.message');
      expect(typeof response.value).toBe('string');
      return { text: response.value as string };
    });

  /** The messages a refused signal step may answer with. */
  const refusals = (t: Strings) => [t.errors.invalidSubmit, t.signal.descriptionTooLong, t.signal.staleForm, t.signal.organisationRequired];

  it('refuses any value at all as a card submit, with a clear message and no change', async () => {
    await assertProperty(fc.tuple(nastyJson, locale), 200, async ([value, l]) => {
      const activity = inLocale(submit({ ...f.reporter, conversationId: `a:fuzz-any-${Math.random()}` }, value), l.tag);
      // A value that names a workshop verb goes the Action.Submit fallback's way.
      const answer = await messageCase(activity, 'any value');
      expectSays(answer, refusals(STRINGS[l.language]), 'any value');
    });
  });

  it('refuses every signal submit with one field broken, keeping the open form; nothing stored', async () => {
    const breakers = {
      submissionId: fc.oneof(notAUuid, fc.uuid(), fc.constant(ABSENT)),
      organisation: fc.oneof(notOneOf(ORGANISATIONS), fc.constantFrom('nasa', 'rijk', 'zz-unknown'), fc.constant(ABSENT)),
      category: fc.oneof(notOneOf(CATEGORIES), fc.constant(ABSENT)),
      wish: fc.oneof(notOneOf(WISHES), fc.constant(ABSENT)),
      anonymity: fc.oneof(notOneOf(ANONYMITY), fc.constant(ABSENT)),
      description: badOptionalText(2_000),
      action: fc.oneof(notOneOf(['signal.submit']), fc.constant(ABSENT)),
      // The form's proof: another moment, a token of the right shape but wrong, or none.
      issuedAt: fc.oneof(notANumber, fc.integer(), fc.constant(ABSENT)),
      formToken: fc.oneof(flipped(String(f.formSubmit.formToken)), notAString, fc.constant(ABSENT)),
    };
    await assertProperty(fc.tuple(oneFieldBroken(f.formSubmit, breakers), locale), 250, async ([value, l]) => {
      const answer = await messageCase(inLocale(submit(f.reporter, value), l.tag), 'signal.submit');
      expectSays(answer, refusals(STRINGS[l.language]), 'signal.submit');
    });
  });

  it('refuses broken answer-backs on a real answer card; nothing stored', async () => {
    const breakers = {
      signalId: notAnId,
      replyFormId: notAnId,
      replyToken: fc.oneof(flipped(String(f.replyData.replyToken)), notAString, fc.constant(ABSENT)),
      reply: fc.oneof(fc.constantFrom('', ' ', '\n\t'), fc.integer({ min: 4_001, max: 9_000 }).map((n) => 'x'.repeat(n)), hugeString.filter((s) => [...s.trim()].length > 4_000), notAString, fc.constant(ABSENT)),
    };
    await assertProperty(fc.tuple(oneFieldBroken(f.replyData, breakers), locale), 150, async ([value, l]) => {
      const answer = await messageCase(inLocale(submit(f.reporter, value), l.tag), 'signal.reply');
      expectSays(answer, [STRINGS[l.language].errors.invalidSubmit], 'signal.reply');
    });
  });

  it('refuses broken "Met iemand praten" and "Nee, ga verder" steps', async () => {
    const talk = oneFieldBroken(f.talkShow, {
      topic: fc.oneof(notOneOf(CATEGORIES), fc.constant(ABSENT)),
      organisation: fc.oneof(notOneOf(ORGANISATIONS), fc.constantFrom('nasa', 'zz-unknown'), fc.constant(ABSENT)),
    });
    const form = oneFieldBroken({ ...actionData(f.startCard, 'signal.form'), organisation: 'jenv' }, {
      organisation: fc.oneof(notOneOf(ORGANISATIONS), fc.constantFrom('nasa', 'zz-unknown'), fc.constant(ABSENT)),
    });
    // A fresh chat each time: a form that did open would be a new open form, seen as a change.
    await assertProperty(fc.tuple(fc.oneof(talk, form), locale), 150, async ([value, l]) => {
      const answer = await messageCase(inLocale(submit({ ...h.newChat(), aadObjectId: 'aad-fuzz-talk' }, value), l.tag), String(value.action));
      expectSays(answer, refusals(STRINGS[l.language]), String(value.action));
    });
  });

  it('always answers acute danger with 112 and 113, whatever the organisation field holds', async () => {
    const danger = actionData(f.startCard, 'signal.danger')!;
    await assertProperty(fc.tuple(fc.oneof(nastyJson, fc.constant(ABSENT)), fc.option(junkKeys, { nil: undefined }), locale), 80, async ([organisation, extra, l]) => {
      const value = withOwnKeys(organisation === ABSENT ? danger : { ...danger, organisation }, extra ?? []);
      const answer = await messageCase(inLocale(submit(h.newChat(), value), l.tag), 'signal.danger');
      expectSays(answer, [STRINGS[l.language].signal.emergencyTitle], 'signal.danger');
      expect(textsOf(answer.card)).toContain('112');
    });
  });

  it('answers the menu buttons, with junk keys added, as without them', async () => {
    const expected: Record<string, (t: Strings) => string> = {
      menu: (t) => t.welcome.intro,
      'capability.signal': (t) => t.signal.dangerQuestion,
      'capability.talk': (t) => t.talk.intro,
      'capability.workshops': (t) => t.workshop.listTitle,
      'capability.planWorkshop': (t) => t.workshop.formIntro,
      'capability.myData': (t) => t.myData.intro,
      'signal.cancel': (t) => t.signal.cancelled,
      'myData.delete': (t) => t.myData.deleted,
    };
    await assertProperty(fc.tuple(fc.constantFrom(...Object.keys(expected)), junkKeys, locale), 80, async ([action, extra, l]) => {
      // A person with nothing stored, in a chat of their own: deleting their data changes nothing either.
      const chat = { ...h.newChat(), userId: `29:fuzz-${Math.random()}`, aadObjectId: `aad-fuzz-${Math.random()}` };
      const answer = await messageCase(inLocale(submit(chat, withOwnKeys({ action }, extra)), l.tag), action);
      expectSays(answer, [expected[action]!(STRINGS[l.language])], action);
    });
  });

  it('answers any typed text with a card or a known message', async () => {
    const text = fc.oneof(nastyString.filter((s) => s.trim() !== ''), fc.constantFrom('SV-2222-2222', 'sv 2345 6789', 'SV-0000-0000', 'SV-\u200b2222-2222'), fc.constantFrom('hallo', 'help', 'Iets aankaarten!').map((s) => `${s}\u202e`));
    await assertProperty(fc.tuple(text, locale), 100, async ([typed, l]) => {
      const t = STRINGS[l.language];
      const answer = await messageCase(inLocale(message(h.newChat(), typed), l.tag), 'typed text');
      // A phrase with marks around it is still that phrase ("Iets aankaarten!\u202e"): its card is a fine answer too.
      const cards = [t.welcome.intro, t.signal.dangerQuestion, t.talk.intro, t.workshop.listTitle, t.workshop.formIntro, t.myData.intro, t.story.title];
      expectSays(answer, [t.errors.notUnderstood, ...cards, t.status.notFound, t.status.tooMany], 'typed text');
    });
  });

  /** A round's list broken: not a session id, a session of the other round, or a session of no programme. */
  const badRound = (round: 1 | 2) => fc.oneof(notAUuid.filter((v) => v !== 'geen'), fc.constant(round === 1 ? f.sessions[2] : f.sessions[0]), fc.uuid());
  const programmeWords = (t: Strings) => [t.errors.invalidSubmit, t.programme.outcomes.onbekend, t.programme.outcomes.verouderd, t.programme.onlyOrganiser];
  const programmeVerbs = {
    'programme.openForm': {
      who: () => f.channel,
      data: () => ({ formId: f.programmeForm.formId, token: f.programmeForm.token }),
      breakers: () => ({ formId: notAnId, token: fc.oneof(flipped(f.programmeForm.token!), notOneOf([f.programmeForm.token!]), fc.constant(ABSENT)) }),
      answers: (t: Strings) => [t.errors.invalidSubmit, t.programme.onlyOrganiser],
    },
    'programme.planView': {
      who: () => f.channel,
      data: () => ({ formId: f.programmeForm.formId, token: f.programmeForm.token }),
      breakers: () => ({ formId: notAnId, token: fc.oneof(flipped(f.programmeForm.token!), notOneOf([f.programmeForm.token!]), fc.constant(ABSENT)) }),
      answers: (t: Strings) => [t.errors.invalidSubmit, t.programme.planStartText],
    },
    'programme.planCancel': {
      who: () => f.channel,
      data: () => ({ formId: f.programmeForm.formId, token: f.programmeForm.token }),
      breakers: () => ({ formId: notAnId, token: fc.oneof(flipped(f.programmeForm.token!), notOneOf([f.programmeForm.token!]), fc.constant(ABSENT)) }),
      answers: (t: Strings) => [t.errors.invalidSubmit, t.programme.onlyOrganiser],
    },
    'programme.plan': {
      who: () => f.channel,
      data: () => ({ ...f.programmeForm, title: 'Netwerkbijeenkomst' }),
      breakers: () => ({
        formId: notAnId,
        token: fc.oneof(flipped(f.programmeForm.token!), fc.constant(ABSENT)),
        title: fc.oneof(notAString, fc.constantFrom('', '   '), fc.integer({ min: 121, max: 400 }).map((n) => 'x'.repeat(n)), fc.constant(ABSENT)),
        date: fc.oneof(notAString, nastyString, fc.constantFrom('2020-01-07', '2027-02-30', '2027-13-01', '27-01-05'), fc.constant(ABSENT)),
        location: fc.oneof(notAString, fc.constantFrom('', 'http://example.org/meet'), fc.constant(ABSENT)),
        audiences: fc.oneof(notAString, fc.constantFrom('', 'iedereen', 'leidinggevenden,iedereen', ','), fc.constant(ABSENT)),
        language: fc.oneof(notOneOf(['nl', 'en']), fc.constant(ABSENT)),
        plenaryTo: fc.oneof(notAString.filter((v) => v !== null), fc.constantFrom('25:00', '12:00', '13:00')),
        r1From: fc.oneof(notAString.filter((v) => v !== null), fc.constantFrom('25:00', '15:30', '13:30')),
        r1s1Seats: fc.oneof(notAString.filter((v) => v !== null), fc.constantFrom('1', '201', '-3', '2.5', 'tien')),
        r1s1Title: fc.oneof(notAString.filter((v) => v !== null), fc.integer({ min: 121, max: 400 }).map((n) => 'x'.repeat(n))),
        // The mix's fields count only for a dialogue; broken in shape, they refuse any plan.
        r1s1Mixed: fc.oneof(notAString.filter((v) => v !== null), fc.constantFrom('ja', 'TRUE', '1', 'on')),
        mixRoles: fc.oneof(notAString.filter((v) => v !== null), fc.integer({ min: 201, max: 600 }).map((n) => 'r'.repeat(n))),
        mixGroupSize: fc.oneof(notAString.filter((v) => v !== null), fc.constantFrom('acht', '1e3', '-4', '4.5', '12345')),
      }),
      answers: (t: Strings) => [t.errors.invalidSubmit, t.programme.onlyOrganiser, t.programme.formProblem],
    },
    'programme.refresh': {
      who: () => f.participant,
      data: () => ({ programmeId: f.programme.programmeId }),
      breakers: () => ({ programmeId: notAnId }),
      answers: (t: Strings) => [t.errors.invalidSubmit, t.programme.outcomes.onbekend],
    },
    'programme.choose': {
      who: () => w.person(f.channel, 98),
      data: () => ({ ...f.programme, round1: f.sessions[0], round2: f.sessions[2] }),
      breakers: () => ({
        programmeId: notAnId,
        version: fc.oneof(badVersion.filter((v) => v !== ABSENT), fc.integer({ min: 2, max: 1_000_000 })),
        round1: badRound(1),
        round2: badRound(2),
        role: fc.oneof(notAString.filter((v) => v !== null), fc.integer({ min: 41, max: 300 }).map((n) => 'r'.repeat(n))),
      }),
      answers: (t: Strings) => [...programmeWords(t), t.programme.outcomes['geen-sessie']],
    },
    'programme.participants': {
      who: () => f.participant,
      data: () => ({ programmeId: f.programme.programmeId }),
      breakers: () => ({ programmeId: notAnId }),
      answers: (t: Strings) => programmeWords(t),
    },
    'programme.cancel': {
      who: () => f.channel,
      data: () => f.programme,
      breakers: () => ({ programmeId: notAnId, version: badVersion }),
      answers: (t: Strings) => programmeWords(t),
    },
    'programme.cancelConfirmed': {
      who: () => f.channel,
      data: () => f.programme,
      breakers: () => ({ programmeId: notAnId, version: fc.oneof(badVersion, fc.integer({ min: 2, max: 1_000_000 })) }),
      answers: (t: Strings) => programmeWords(t),
    },
  };

  /** Every workshop verb: who may press it, the real card's data, how to break each field, and what may come back. */
  const verbs: Record<WorkshopVerb, { who: () => ActivityOptions; data: () => Record<string, unknown>; breakers: () => Record<string, fc.Arbitrary<unknown>>; answers: (t: Strings) => string[] }> = {
    'workshop.openForm': {
      who: () => f.channel,
      data: () => ({ formId: f.planForm.formId, token: f.planForm.token }),
      breakers: () => ({ formId: notAnId, token: fc.oneof(flipped(f.planForm.token as string), notOneOf([f.planForm.token as string]), fc.constant(ABSENT)) }),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.onlyOrganiser],
    },
    'workshop.planView': {
      who: () => f.channel,
      data: () => ({ formId: f.planForm.formId, token: f.planForm.token }),
      breakers: () => ({ formId: notAnId, token: fc.oneof(flipped(f.planForm.token as string), notOneOf([f.planForm.token as string]), fc.constant(ABSENT)) }),
      // Anyone but the organiser is shown the shared planning card as it is.
      answers: (t) => [t.errors.invalidSubmit, t.workshop.planStartText],
    },
    'workshop.planCancel': {
      who: () => f.channel,
      data: () => ({ formId: f.planForm.formId, token: f.planForm.token }),
      breakers: () => ({ formId: notAnId, token: fc.oneof(flipped(f.planForm.token as string), notOneOf([f.planForm.token as string]), fc.constant(ABSENT)) }),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.onlyOrganiser],
    },
    'workshop.plan': {
      who: () => f.channel,
      data: () => f.planForm,
      // repeatOf: not an id, or a workshop of nobody's: the plan must not join a series that is not the organiser's.
      breakers: () => planBreakers({ formId: notAnId, token: fc.oneof(flipped(f.planForm.token as string), fc.constant(ABSENT)), repeatOf: fc.oneof(notAUuid.filter((v) => v !== null), fc.uuid()) }, 'plan'),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.onlyOrganiser, ...Object.values(t.workshop.problems), ...Object.values(t.workshop.seatsWarnings)],
    },
    'workshop.refresh': {
      who: () => f.participant,
      data: () => ({ workshopId: f.workshop.workshopId }),
      breakers: () => ({ workshopId: notAnId }),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.outcomes.onbekend],
    },
    'workshop.register': {
      who: () => w.person(f.channel, 99),
      data: () => f.workshop,
      breakers: () => ({ workshopId: notAnId, version: fc.oneof(badVersion, fc.integer({ min: 2, max: 1_000_000 })) }),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.outcomes.onbekend, t.workshop.outcomes.verouderd],
    },
    'workshop.unregister': {
      who: () => f.participant,
      data: () => f.workshop,
      breakers: () => ({ workshopId: notAnId, version: badVersion }),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.outcomes.onbekend, t.workshop.outcomes['niet-aangemeld']],
    },
    'workshop.change': {
      who: () => f.channel,
      data: () => f.workshop,
      breakers: () => ({ workshopId: notAnId, version: badVersion }),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.outcomes.onbekend],
    },
    'workshop.move': {
      who: () => f.channel,
      data: () => f.moveData,
      breakers: () => planBreakers({ workshopId: notAnId, version: fc.oneof(badVersion, fc.integer({ min: 2, max: 1_000_000 })) }, 'move'),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.outcomes.onbekend, t.workshop.outcomes.verouderd, t.workshop.onlyOrganiser, ...Object.values(t.workshop.problems)],
    },
    'workshop.cancel': {
      who: () => f.channel,
      data: () => f.workshop,
      breakers: () => ({ workshopId: notAnId, version: badVersion }),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.outcomes.onbekend],
    },
    'workshop.cancelConfirmed': {
      who: () => f.channel,
      data: () => f.workshop,
      breakers: () => ({ workshopId: notAnId, version: fc.oneof(badVersion, fc.integer({ min: 2, max: 1_000_000 })) }),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.outcomes.onbekend, t.workshop.outcomes.verouderd],
    },
    'workshop.evaluate': {
      who: () => f.finishedParticipant,
      data: () => ({ workshopId: f.finished, rating: '4', takeaway: 'Meer naar elkaar luisteren.' }),
      breakers: () => ({ workshopId: notAnId, rating: fc.oneof(notANumber, fc.constantFrom<unknown>(0, 6, '0', '6', -1, 4.5, '4.5', 1e308), fc.constant(ABSENT)), takeaway: badOptionalText(500) }),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.evaluated['niet-deelnemer'], t.workshop.evaluated['te-vroeg']],
    },
    'workshop.aftercare': {
      who: () => f.finishedParticipant,
      data: () => ({ workshopId: f.finished }),
      breakers: () => ({ workshopId: notAnId }),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.aftercareNotParticipant],
    },
    'workshop.sendFollowUp': {
      who: () => f.finishedFacilitator,
      data: () => ({ workshopId: f.finished }),
      breakers: () => ({ workshopId: notAnId }),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.followUpNotFacilitator],
    },
    'workshop.repeat': {
      who: () => w.person(f.channel, 97),
      data: () => ({ workshopId: f.workshop.workshopId }),
      breakers: () => ({ workshopId: notAnId }),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.outcomes.onbekend, t.workshop.onlyOrganiser],
    },
    'workshop.series': {
      who: () => w.person(f.channel, 97),
      data: () => ({ workshopId: f.workshop.workshopId }),
      breakers: () => ({ workshopId: notAnId }),
      answers: (t) => [t.errors.invalidSubmit, t.workshop.outcomes.onbekend, t.workshop.onlyOrganiser],
    },
    'duo.accept': {
      who: () => f.facilitator,
      data: () => f.duoData,
      breakers: () => ({ workshopId: notAnId, facilitatorId: fc.oneof(notOneOf([f.duoData.facilitatorId as string]), fc.constantFrom(f.otherFacilitatorId, 'fac-unknown'), fc.constant(ABSENT)) }),
      answers: (t) => [t.errors.invalidSubmit],
    },
    'duo.decline': {
      who: () => f.facilitator,
      data: () => f.duoData,
      breakers: () => ({ workshopId: notAnId, facilitatorId: fc.oneof(notOneOf([f.duoData.facilitatorId as string]), fc.constantFrom(f.otherFacilitatorId, 'fac-unknown'), fc.constant(ABSENT)) }),
      answers: (t) => [t.errors.invalidSubmit],
    },    ...programmeVerbs,
  };

  /**
   * The planning form's fields, each broken so no plan can pass: shape, sense, or the organisation. A change
   * (move) keeps its organisation and needs no confirmation of the seats, so those two break only a plan.
   */
  function planBreakers(reference: Record<string, fc.Arbitrary<unknown>>, form: 'plan' | 'move'): Record<string, fc.Arbitrary<unknown>> {
    const required = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.constant(ABSENT));
    return {
      ...reference,
      date: required(fc.oneof(notAString, nastyString, fc.constantFrom('2020-01-07', '2027-02-30', '2027-13-01', '27-01-05', '2027-1-5', '2027-01-05T10:00'))),
      time: required(fc.oneof(notAString, nastyString, fc.constantFrom('25:00', '10:60', '1000', '10:00:00', '9:00', '10.00'))),
      lengthMinutes: fc.oneof(notANumber.filter((v) => v !== null && v !== ''), fc.constantFrom<unknown>('29', '481', '-60', 0, 1e6, '1e309')),
      location: required(fc.oneof(notAString, fc.constantFrom('', '   ', 'http://example.org/meet'), fc.integer({ min: 201, max: 600 }).map((n) => 'y'.repeat(n)))),
      audience: required(notOneOf(AUDIENCES)),
      seats: fc.oneof(notANumber.filter((v) => v !== null && v !== ''), fc.constantFrom<unknown>('1', '21', '31', 0, '-8'), ...(form === 'plan' ? [fc.constantFrom<unknown>('12', 3)] : [])),
      language: required(notOneOf(['nl', 'en'])),
      note: badOptionalText(500),
      ...(form === 'plan' ? { organisation: fc.oneof(fc.constantFrom('nasa', 'zz-unknown', 'x'.repeat(41), 'BZK'), notAString.filter((v) => v !== null)) } : {}),
    };
  }

  it.each(WORKSHOP_VERBS.map((verb) => [verb]))('refuses %s with one field broken, as an Action.Execute invoke', async (verb) => {
    const v = verbs[verb];
    await assertProperty(fc.tuple(oneFieldBroken(v.data(), v.breakers()), locale), 80, async ([data, l]) => {
      const answer = await invokeCase(inLocale(cardAction(v.who(), verb, data, `fuzz-card-${verb}`), l.tag), verb);
      expectSays(answer, v.answers(STRINGS[l.language]), verb);
    });
  });

  it('refuses broken workshop buttons from clients without Universal Actions (the Action.Submit fallback)', async () => {
    const arbitrary = fc.constantFrom(...WORKSHOP_VERBS).chain((verb) => fc.tuple(fc.constant(verb), oneFieldBroken(verbs[verb].data(), verbs[verb].breakers()), locale));
    await assertProperty(arbitrary, 200, async ([verb, data, l]) => {
      const answer = await messageCase(inLocale(submit(verbs[verb].who(), { ...data, verb }), l.tag), `${verb} (fallback)`);
      expectSays(answer, verbs[verb].answers(STRINGS[l.language]), `${verb} (fallback)`);
    });
  });

  it('answers an unknown verb, or an invoke value of any shape, with the invalid-button message', async () => {
    const value = fc.oneof(
      fc.tuple(notOneOf(WORKSHOP_VERBS), nastyJson).map(([verb, data]) => ({ action: { type: 'Action.Execute', verb, data } })),
      fc.tuple(nastyJson, nastyJson).map(([type, data]) => ({ action: { type, verb: 'workshop.register', data } })),
      fc.constantFrom<unknown>(undefined, null, {}, { action: null }, { action: 'workshop.register' }, { action: [] }, { action: { type: 'Action.Execute' } }, { action: { type: 'Action.Submit', verb: 'workshop.register', data: {} } }),
      nastyJson,
    );
    await assertProperty(fc.tuple(value, locale), 200, async ([invokeValue, l]) => {
      const activity = teamsActivity({ serviceUrl: h.connector.serviceUrl, conversationId: f.channel.conversationId, conversationType: 'channel' }, { type: 'invoke', name: 'adaptiveCard/action', replyToId: 'fuzz-card', ...(invokeValue === undefined ? {} : { value: invokeValue }) });
      const answer = await invokeCase(inLocale(activity, l.tag), 'invoke value');
      expectSays(answer, [STRINGS[l.language].errors.invalidSubmit], 'invoke value');
    });
  });

  it('survives activities whose envelope is broken, and bodies that are no activity: never a 5xx, nothing changed', async () => {
    // A reply goes to the activity's serviceUrl: never anywhere but this machine. Left out: an empty or missing one
    // and a port where nothing listens, whose reply fails only after seconds of botbuilder's own retries.
    const serviceUrls = fc.constantFrom<unknown>('not a url', 'ftp://127.0.0.1/', 'javascript:alert(1)', 42, `${h.connector.serviceUrl}v3/../`);
    const envelope = {
      type: fc.oneof(notOneOf(['message', 'invoke', 'conversationUpdate', 'installationUpdate', 'messageReaction', 'messageUpdate', 'messageDelete', 'event', 'typing', 'endOfConversation']), fc.constant(ABSENT)),
      id: fc.oneof(notAString, nastyString, fc.constant(ABSENT)),
      conversation: fc.oneof(nastyJson, fc.constantFrom<unknown>({}, { id: '' }, { id: 42 }, { id: 'a:x', conversationType: 'galaxy' }, { id: 'a:x', tenantId: ['t'] }), fc.constant(ABSENT)),
      from: fc.oneof(nastyJson, fc.constantFrom<unknown>({}, { id: '' }, { id: 42 }, { id: '29:x', aadObjectId: 42 }, { id: '29:x', name: '\u0000' }), fc.constant(ABSENT)),
      recipient: fc.oneof(nastyJson, fc.constant(ABSENT)),
      serviceUrl: serviceUrls,
      channelId: fc.oneof(notOneOf(['msteams']), fc.constant(ABSENT)),
      locale: fc.oneof(notAString, nastyString),
      text: fc.oneof(notAString, nastyString),
      entities: nastyJson,
      channelData: nastyJson,
      timestamp: fc.oneof(notAString, nastyString),
      name: nastyJson,
      value: nastyJson,
    };
    const base = fc.constantFrom(
      () => message(h.newChat(), 'hallo'),
      () => mention({ serviceUrl: h.connector.serviceUrl, conversationId: f.channel.conversationId, conversationType: 'channel' }, 'workshop plannen'),
      () => cardAction(f.participant, 'workshop.refresh', { workshopId: f.workshop.workshopId }, 'fuzz-card'),
    );
    const raw = fc.oneof(nastyJson.map((v) => JSON.stringify(v) ?? 'null'), fc.constantFrom('', '{', '[]', '{"type":"message"}', '{"type":"message","conversation":{}}', '{"type":"invoke","name":"adaptiveCard/action"}'));
    const input = fc.oneof(
      { weight: 3, arbitrary: fc.tuple(base, fc.constantFrom(...Object.keys(envelope))).chain(([make, field]) => fc.tuple(fc.constant(make), fc.constant(field), envelope[field as keyof typeof envelope])) },
      { weight: 1, arbitrary: raw },
    );
    await assertProperty(input, 200, async (x) => {
      await checked('envelope', async () => {
        h.connector.clear();
        const body = typeof x === 'string' ? x : JSON.stringify((({ [x[1]]: _dropped, ...rest }) => (x[2] === ABSENT ? rest : { ...rest, [x[1]]: x[2] }))(x[0]() as Record<string, unknown>));
        const res = await fetch(`${h.service.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const text = await res.text();
        // 501 is the Bot Framework's answer to an invoke the bot does not implement (another name than Action.Execute's).
        const otherInvoke = typeof x !== 'string' && x[1] === 'name' && (JSON.parse(body) as { type?: unknown }).type === 'invoke';
        if (res.status >= 500 && !(res.status === 501 && otherInvoke)) throw new Error(`HTTP ${res.status} ${text.slice(0, 300)} for ${body.slice(0, 300)}`);
        // A reply, if any, is sent before the HTTP answer: give it a moment, then nothing went anywhere else.
        await new Promise((r) => setTimeout(r, 20));
        if (h.connector.updates.length + h.connector.created.length > 0) throw new Error(`a card update or a new chat for ${body.slice(0, 300)}`);
      });
    });
  });

  /** Inputs the fuzzer found that crashed, answered in English or changed data, each kept as an example. */
  describe('found by fuzzing', () => {
    const execute = (value: unknown, tag = 'nl-NL') =>
      inLocale(teamsActivity({ serviceUrl: h.connector.serviceUrl, conversationId: f.channel.conversationId, conversationType: 'channel' }, { type: 'invoke', name: 'adaptiveCard/action', replyToId: 'fuzz-card', value }), tag);

    it.each([
      // Was HTTP 501, and "Er ging iets mis" posted in the channel: botbuilder read `value.action.type` of nothing.
      ['an invoke without an action', {}],
      ['an invoke whose action is null', { action: null }],
      // Was HTTP 400 with botbuilder's English "The action 'Action.Submit' is not supported."
      ['an invoke of another action type', { action: { type: 'Action.Submit', verb: 'workshop.register', data: { workshopId: '6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', version: 1 } } }],
    ])('answers %s with the invalid-button message in the person\'s language', async (what, value) => {
      expectSays(await invokeCase(execute(value), what), [nl.errors.invalidSubmit], what);
      expectSays(await invokeCase(execute(value, 'en-US'), what), [en.errors.invalidSubmit], what);
    });

    it.each([
      // z.coerce read true as 1 and [1] as 1: the colleague was registered by a version of the wrong type.
      ['workshop.register', 'version: true', () => w.person(f.channel, 98), () => ({ ...f.workshop, version: true })],
      ['workshop.register', 'version: [1]', () => w.person(f.channel, 98), () => ({ ...f.workshop, version: [1] })],
      ['workshop.register', 'version: "0x1"', () => w.person(f.channel, 98), () => ({ ...f.workshop, version: '0x1' })],
      ['workshop.evaluate', 'rating: [4]', () => f.finishedParticipant, () => ({ workshopId: f.finished, rating: [4] })],
      ['workshop.evaluate', 'rating: true', () => f.finishedParticipant, () => ({ workshopId: f.finished, rating: true })],
      ['workshop.plan', 'lengthMinutes: [120]', () => f.channel, () => ({ ...f.planForm, lengthMinutes: [120] })],
      ['workshop.plan', 'seats: [8]', () => f.channel, () => ({ ...f.planForm, seats: [8] })],
      // PostgreSQL stores no NUL: the plan failed with "NIET gelukt, probeer het over een paar minuten opnieuw".
      ['workshop.plan', 'a NUL in the location', () => f.channel, () => ({ ...f.planForm, location: 'Zaal\u00001' })],
      // A lone surrogate became U+FFFD on the way into the database: stored, but not as sent.
      ['workshop.plan', 'a lone surrogate in the location', () => f.channel, () => ({ ...f.planForm, location: 'Zaal \ud800' })],
      ['workshop.move', 'a NUL in the location', () => f.channel, () => ({ ...f.moveData, location: 'Zaal\u00001' })],
    ] as const)('refuses %s with %s: nothing registered, evaluated or planned', async (verb, _what, who, data) => {
      const answer = await invokeCase(cardAction(who(), verb, data(), 'fuzz-card'), verb);
      expectSays(answer, [nl.errors.invalidSubmit], verb);
    });

    it('shows back only what was typed as text or a number: a value nested 1,000 deep is not put in the form again', async () => {
      const deep = Array.from({ length: 1000 }).reduce<unknown>((inner) => [inner], 120);
      const answer = await invokeCase(cardAction(f.channel, 'workshop.plan', { ...f.planForm, lengthMinutes: deep }, 'fuzz-card'), 'workshop.plan');
      expectSays(answer, [nl.errors.invalidSubmit], 'workshop.plan');
      expect(JSON.stringify(answer.card)).not.toContain('[[[');
    });

    it.each([
      // Was a 500 with botbuilder's "validateAndFixActivity(): missing activity type.", before its own 400.
      ['an activity without a type', () => '{}'],
      ['an activity whose type is a number', () => JSON.stringify({ ...message(h.newChat(), 'hallo'), type: 42 })],
      // Was a 500 with "endpoint.toLowerCase is not a function".
      ['an activity whose serviceUrl is a number', () => JSON.stringify({ ...message(h.newChat(), 'hallo'), serviceUrl: 42 })],
    ])('refuses %s with 400 in the API shape', async (what, body) => {
      const res = await checked(what, () => fetch(`${h.service.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body() }));
      expect({ status: res.status, json: await res.json() }).toEqual({ status: 400, json: { error: 'invalid', message: nl.api.invalid } });
    });

    it('takes an activity whose locale is no string (it was a 500: "tag.trim is not a function")', async () => {
      // botbuilder cannot send a reply that carries such a locale back, so there is none; but no 500, and no change.
      const activity = { ...message(h.newChat(), 'hallo'), locale: { a: 'en-US' } };
      const res = await checked('locale', () => h.service.post(activity));
      expect(res.status).toBe(200);
    });

    it('refuses a description with a lone surrogate, which would have been stored altered', async () => {
      const answer = await messageCase(submit(f.reporter, { ...f.formSubmit, description: 'Het gaat om \udc00 dit' }), 'signal.submit');
      expectSays(answer, [nl.errors.invalidSubmit], 'signal.submit');
    });
  });

  it('still answers normally after all this', async () => {
    const reply = await h.say(h.newChat(), 'hallo');
    expect(textsOf(cardOf(reply))).toContain(nl.welcome.intro);
    const health = await fetch(`${h.service.base}/healthz`);
    expect(health.status).toBe(200);
  });
});
