import { en, nl } from '../support/strings';
import fc from 'fast-check';
import type { Strings } from '../support/strings';
import { CATEGORIES, HANDOVER_REASONS, OUTCOMES, REFER_ROLES, REFERRAL_ROLES, URGENCIES, WISHES } from '../../bot/src/shared/signal-vocabulary';
import type { ActivityOptions } from '../support/activities';
import { useBotHarness } from '../support/bot-harness';
import { changedTables, domainTables, type Fingerprint, fingerprinter } from '../support/db-fingerprint';
import { EntraStandIn } from '../support/entra-stand-in';
import { eventually } from '../support/eventually';
import {
  ABSENT,
  assertProperty,
  deeplyNested,
  FUZZ_LIMITS,
  FUZZ_SEED,
  hugeString,
  junkKeys,
  nastyJson,
  nastyString,
  notAString,
  notANumber,
  notAUuid,
  notOneOf,
  oneFieldBroken,
  says,
  withOwnKeys,
} from '../support/fuzz-arbitraries';
import { startService } from '../support/service';
import { storesUnderTest } from '../support/storages';
import { workshopSteps } from '../support/workshop-steps';

/**
 * Property-based fuzzing of every tab API route, the calendar link and the development sign-in, over real
 * HTTP against the real service. For every refused case: a 4xx (never a 5xx) with the JSON error shape
 * `{error, message}`, the message in the caller's language (Dutch unless Accept-Language asks for English),
 * and nothing changed in any domain table, nothing sent. Each route is fuzzed with a token of the role it
 * needs, so cases get past authentication to its own checks, and with one field of a valid request broken.
 * Unhandled rejections and uncaught exceptions fail the running test (jest-circus; see fuzz-bot.test.ts).
 */

jest.setTimeout(15 * 60_000);

const STRINGS = { nl, en } as const;
type Language = keyof typeof STRINGS;

/** Accept-Language headers and the language each must get, written out here rather than asked of the service. */
const LANGUAGES: ReadonlyArray<{ header: string | undefined; language: Language }> = [
  { header: 'nl-NL', language: 'nl' },
  { header: 'en-US', language: 'en' },
  { header: 'en', language: 'en' },
  { header: 'en-GB,en;q=0.9,nl;q=0.8', language: 'en' },
  { header: 'EN-us', language: 'en' },
  { header: 'nl-BE,nl;q=0.9,en;q=0.8', language: 'nl' },
  { header: 'fr-CH, fr;q=0.9, en;q=0.8', language: 'nl' },
  { header: '*', language: 'nl' },
  { header: '', language: 'nl' },
  { header: undefined, language: 'nl' },
  { header: 'x'.repeat(2_000), language: 'nl' },
];
const language = fc.constantFrom(...LANGUAGES);

/** The organisations of the seeded sociale kaart. */
const ORGANISATIONS = ['belastingdienst', 'bzk', 'financien', 'jenv', 'ubr'];
/** The first segments of the API's routes: a random path must not be one of them. */
const ROUTE_WORDS = ['me', 'pool', 'workshops', 'referrals', 'routing-rules', 'insights', 'signals', 'planning', 'materials', 'programmes'];
/** Every field of every form the API takes. */
const FORM_FIELDS = new Set(['active', 'text', 'status', 'outcome', 'to', 'from', 'reason', 'aadObjectId', 'displayName', 'answer', 'workshopId', 'participant', 'startsAt', 'endsAt', 'category', 'wish', 'roles', 'urgency', 'id', 'organisation', 'role', 'name', 'description', 'contact', 'hours', 'confidentiality', 'languages', 'persona', 'title', 'kind', 'url', 'durationMinutes', 'language', 'audience', 'materialIds']);
const COORDINATOR_OID = '0e000000-0000-4000-8000-0000000000c1';
const EMPLOYEE_OID = '0e000000-0000-4000-8000-0000000000e1';
/** Karin Bosman, who handles BZK's inboxes. */
const BZK_COUNSELLOR = 'de000000-0000-4000-8000-00000000c001';

/** Every message a refusal may carry, in one language: the API's own, and the answers of the routes that have theirs. */
function refusalMessages(t: Strings): string[] {
  const { internal: _internal, placeSent: _placeSent, ...refusals } = t.api;
  return [...Object.values(refusals), t.followUp.closed, t.workshop.outcomes.onbekend, t.programme.outcomes.onbekend, ...Object.values(t.workshop.answers), ...Object.values(t.network)];
}

/** Text a path segment can carry: what encodeURIComponent accepts (no lone surrogates). */
const encodable = (value: unknown) => {
  try {
    encodeURIComponent(String(value));
    return true;
  } catch {
    return false;
  }
};

/** Raw path segments a browser would send as they are, percent signs and dots included. */
const RAW_SEGMENTS = ['%', '%zz', '%E0%A4%A', '%00', '%2e%2e', '%2F', '%252F', '%C0%AF', '%uD800', ';', '~', "'", '%20'];

/** A path parameter's breakers: encoded nasty text, raw segments, or the segment left out. */
const badSegment = (valid: string, extra: fc.Arbitrary<string> = fc.constant('zz-does-not-exist')) =>
  fc.oneof(
    nastyString.filter((s) => s !== valid && encodable(s) && s.length < 3_000).map((s) => encodeURIComponent(s)),
    fc.constantFrom(...RAW_SEGMENTS),
    extra.map((s) => encodeURIComponent(s)),
  );

/** A request as the case sends it: the body as raw text, so it can be anything at all. */
interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path: string;
  token?: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

describe.each(storesUnderTest())('fuzzing every tab API route on %s', (kind, createStore) => {
  // From this storage's first hook: describe blocks are all read before any of them runs.
  let started = 0;
  beforeAll(() => {
    started = Date.now();
  });
  const entra = new EntraStandIn();
  beforeAll(() => entra.start());
  afterAll(() => entra.stop());
  const h = useBotHarness(createStore, () => ({
    ...FUZZ_LIMITS,
    tab: entra.tabSettings,
  }));
  const w = workshopSteps(h);
  let cases = 0;
  let fingerprint: () => Promise<Fingerprint>;
  let last: Fingerprint;

  /** Tokens of each role, and the real ids the routes take, prepared once. */
  const f = {} as {
    tokens: { coordinator: string; counsellor: string; facilitator: string; employee: string };
    signalId: string;
    workshopId: string;
    facilitatorId: string;
    referral: Record<string, unknown> & { id: string };
    rule: Record<string, unknown>;
    calendarPath: string;
    programmeCalendarPath: string;
    availabilityId: string;
    material: Record<string, unknown> & { id: string };
  };

  beforeAll(async () => {
    const db = h.service.app.db;
    // A signal in BZK's inbox; a workshop whose asked facilitator answers in the tab, with a registered participant.
    f.signalId = (await h.raise(h.newChat(), 'anoniem')).id;
    const channel: ActivityOptions = { serviceUrl: h.connector.serviceUrl, conversationId: `19:fuzz-api-${Math.random()}@thread.tacv2`, conversationType: 'channel', userId: '29:fuzz-manager', aadObjectId: 'aad-fuzz-api-manager' };
    const planned = await w.plan(channel);
    f.workshopId = planned.workshopId!;
    const asked = (
      await db.query<{ facilitator_id: string; aad_object_id: string }>(
        `SELECT x.facilitator_id, f.aad_object_id FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id WHERE x.workshop_id = $1 ORDER BY f.id LIMIT 1`,
        [f.workshopId],
      )
    ).rows[0]!;
    f.facilitatorId = asked.facilitator_id;
    const registered = await w.invoke(w.person(channel, 1), 'workshop.register', { workshopId: f.workshopId, version: 1 });
    const link = registered.value.actions.find((a: any) => a.type === 'Action.OpenUrl' && a.url.includes('calendar.ics')).url as string;
    f.calendarPath = new URL(link).pathname + new URL(link).search;
    f.tokens = {
      coordinator: await entra.token(COORDINATOR_OID, { roles: ['Coordinator'] }),
      counsellor: await entra.token(BZK_COUNSELLOR, { roles: ['Counsellor'] }),
      facilitator: await entra.token(asked.aad_object_id),
      employee: await entra.token(EMPLOYEE_OID),
    };
    const referrals = await call({ method: 'GET', path: '/api/referrals?organisation=bzk', token: f.tokens.employee });
    f.referral = (referrals.json as { referrals: Array<{ id: string; role: string }> }).referrals.find((r) => r.role === 'bedrijfsarts')!;
    f.rule = (await call({ method: 'GET', path: '/api/routing-rules', token: f.tokens.coordinator })).json.rules[0];
    f.availabilityId = (await call({ method: 'GET', path: '/api/planning', token: f.tokens.facilitator })).json.availability[0].id;
    const material = { title: 'Handout: het gesprek na de film', kind: 'handout', url: 'https://www.rijksoverheid.nl/handout.pdf', durationMinutes: null, language: 'nl', audience: 'gemengd' };
    f.material = { ...material, id: (await call({ method: 'POST', path: '/api/materials', token: f.tokens.coordinator, body: JSON.stringify(material) })).json.id };
    // A bijeenkomst with a seat taken, for its calendar link.
    const meeting = await w.planProgramme(channel);
    const chosen = await w.invoke(w.person(channel, 2), 'programme.choose', { programmeId: meeting.programmeId, version: 1, round1: meeting.sessions[0], round2: 'geen' });
    const meetingLink = chosen.value.actions.find((a: any) => a.type === 'Action.OpenUrl' && a.url.includes('calendar.ics')).url as string;
    f.programmeCalendarPath = new URL(meetingLink).pathname + new URL(meetingLink).search;

    await eventually(async () => {
      const busy = await db.query(`SELECT count(*) AS n FROM outbox WHERE status <> 'failed'`);
      expect(Number(busy.rows[0]!.n)).toBe(0);
    }, 20_000);
    fingerprint = fingerprinter(db, await domainTables(db));
    last = await fingerprint();
  });

  afterAll(() => {
    process.stdout.write(`fuzz-api on ${kind}: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${FUZZ_SEED})\n`);
  });

  async function call(r: Request, acceptLanguage?: string): Promise<{ status: number; text: string; json: any; headers: Headers }> {
    const res = await fetch(`${h.service.base}${r.path}`, {
      method: r.method,
      headers: {
        ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
        ...(r.body !== undefined ? { 'content-type': r.contentType ?? 'application/json' } : {}),
        ...(acceptLanguage !== undefined ? { 'accept-language': acceptLanguage } : {}),
        ...r.headers,
      },
      body: r.body,
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json, headers: res.headers };
  }

  /**
   * One case: a refusal from `statuses` in the error shape and the caller's language, or a success from
   * `successes` (reads that change nothing); nothing sent. Whatever happened, every domain table is then
   * compared with the state before the case, so a case that failed otherwise cannot leave its change to the next.
   */
  async function apiCase(r: Request, lang: (typeof LANGUAGES)[number], statuses: readonly number[], successes: readonly number[] = []): Promise<void> {
    cases++;
    h.connector.clear();
    const answer = await call(r, lang.header);
    const what = `${r.method} ${r.path.slice(0, 200)} → ${answer.status} ${answer.text.slice(0, 300)}`;
    const now = await fingerprint();
    const changed = changedTables(last, now);
    last = now;
    if (changed.length > 0) throw new Error(`changed ${changed.join(', ')}: ${what}`);
    if (answer.status >= 500) throw new Error(`a server error: ${what}`);
    if (h.connector.received.length + h.connector.updates.length + h.connector.created.length > 0) throw new Error(`sent something to Teams: ${what}`);
    if (successes.includes(answer.status)) {
      expect(answer.headers.get('content-type')).toMatch(/^(application\/json|text\/calendar)/);
      return;
    }
    // Node's HTTP server refuses a request line and headers over 16 KB itself, before any code of ours runs: no body.
    if (answer.status === 431 && answer.text === '') return;
    if (!statuses.includes(answer.status)) throw new Error(`unexpected status (expected ${statuses.join('/')}): ${what}`);
    const body = answer.json as Record<string, unknown> | undefined;
    const keys = Object.keys(body ?? {});
    if (!body || typeof body.error !== 'string' || typeof body.message !== 'string' || !keys.every((k) => ['error', 'message', 'outcome', 'fields'].includes(k))) {
      throw new Error(`not the error shape {error, message}: ${what}`);
    }
    // A refused form names its wrong fields, each with a reason in the caller's language (never words of the request).
    if (body.fields !== undefined) {
      const reasons = Object.values(STRINGS[lang.language].fieldReasons);
      const fields = body.fields as Array<{ path?: unknown; reason?: unknown }>;
      const wellFormed = Array.isArray(fields) && fields.every((f) => typeof f.path === 'string' && typeof f.reason === 'string' && reasons.some((m) => f.reason === m || (m.includes('{') && says(f.reason as string, m))));
      if (answer.status !== 400 || !wellFormed) throw new Error(`fields not as a refused form names them, in ${lang.language}: ${what}`);
    }
    const message = body.message;
    if (!refusalMessages(STRINGS[lang.language]).some((m) => message === m || (m.includes('{') && says(message, m)))) {
      throw new Error(`not a refusal in ${lang.language} (Accept-Language ${JSON.stringify(lang.header?.slice(0, 40))}): ${what}`);
    }
  }

  const body = (value: unknown) => JSON.stringify(value);
  const bilingual = (valid: { nl: string; en: string }) =>
    fc.oneof(
      notAString,
      fc.constantFrom<unknown>({}, { nl: valid.nl }, { en: valid.en }, { nl: '', en: valid.en }, { nl: valid.nl, en: 42 }, [valid.nl, valid.en]),
      fc.tuple(fc.constantFrom('nl', 'en'), fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\udfff')).map(([key, text]) => ({ ...valid, [key]: text })),
      fc.constant(ABSENT),
    );
  const referralBreakers = () => {
    const r = f.referral as any;
    return {
      organisation: fc.oneof(notOneOf([...ORGANISATIONS, 'rijk']), fc.constantFrom('nasa', 'zz-unknown', 'bzk2'), fc.constant(ABSENT)),
      role: fc.oneof(notOneOf(REFERRAL_ROLES), fc.constant(ABSENT)),
      name: bilingual(r.name),
      description: bilingual(r.description),
      hours: bilingual(r.hours),
      confidentiality: bilingual(r.confidentiality),
      contact: fc.oneof(notAString, fc.constantFrom<unknown>({}, { mail: 'geen-adres' }, { phone: 'bel me' }, { site: 'http://example.org' }, { site: 'javascript:alert(1)' }, { teamsChat: '<script>' }, { mail: '' }), fc.constant(ABSENT)),
      languages: fc.oneof(notAString, fc.constantFrom<unknown>([], ['de'], 'nl', ['nl', 3], [null]), fc.constant(ABSENT)),
    };
  };

  /** Every route: the valid request, each part of it broken, and what a broken one may answer. */
  const routes: Array<{ name: string; figure: number; request: () => fc.Arbitrary<Request>; statuses: number[]; successes?: number[] }> = [
    {
      name: 'POST /api/pool/:id',
      figure: 100,
      request: () =>
        fc.oneof(
          badSegment('fac-ubr-daan').map((id) => ({ method: 'POST' as const, path: `/api/pool/${id}`, token: f.tokens.coordinator, body: body({ active: true }) })),
          oneFieldBroken({ active: true }, { active: fc.oneof(notAString.filter((v) => typeof v !== 'boolean'), fc.constantFrom('true', 'false', 'nee', 1, 0), fc.constant(ABSENT)) }).map((b) => ({ method: 'POST' as const, path: '/api/pool/fac-ubr-daan', token: f.tokens.coordinator, body: body(b) })),
        ),
      statuses: [400, 404, 405, 413],
    },
    {
      name: 'PUT /api/referrals/:id',
      figure: 200,
      request: () =>
        fc.oneof(
          { weight: 4, arbitrary: oneFieldBroken(f.referral, { ...referralBreakers(), id: fc.oneof(notOneOf([f.referral.id]), fc.constant(ABSENT)) }).map((b) => ({ method: 'PUT' as const, path: `/api/referrals/${f.referral.id}`, token: f.tokens.coordinator, body: body(b) })) },
          { weight: 1, arbitrary: badSegment(f.referral.id).map((id) => ({ method: 'PUT' as const, path: `/api/referrals/${id}`, token: f.tokens.coordinator, body: body({ ...f.referral, id: decodeSafely(id) }) })) },
        ),
      statuses: [400, 404, 405, 413],
    },
    {
      name: 'POST /api/referrals',
      figure: 200,
      request: () => {
        const { id: _id, ...entry } = f.referral;
        return oneFieldBroken(entry, referralBreakers()).map((b) => ({ method: 'POST' as const, path: '/api/referrals', token: f.tokens.coordinator, body: body(b) }));
      },
      statuses: [400, 413],
    },
    {
      name: 'DELETE /api/referrals/:id',
      figure: 100,
      request: () => badSegment(f.referral.id).map((id) => ({ method: 'DELETE' as const, path: `/api/referrals/${id}`, token: f.tokens.coordinator })),
      statuses: [400, 404, 405],
    },
    {
      name: 'PUT /api/routing-rules',
      figure: 150,
      request: () =>
        oneFieldBroken(f.rule, {
          category: fc.oneof(notOneOf(CATEGORIES), fc.constant(ABSENT)),
          wish: fc.oneof(notOneOf([...WISHES, '*']), fc.constant(ABSENT)),
          roles: fc.oneof(notAString, fc.constantFrom<unknown>([], ['bedrijfsarts', 'hr-adviseur', 'mediation', 'noodcontact'], ['arts'], 'bedrijfsarts', [['bedrijfsarts']]), fc.constant(ABSENT)),
          urgency: fc.oneof(notOneOf(URGENCIES), fc.constant(ABSENT)),
        }).map((b) => ({ method: 'PUT' as const, path: '/api/routing-rules', token: f.tokens.coordinator, body: body(b) })),
      statuses: [400, 413],
    },
    {
      name: 'GET /api/signals/:id',
      figure: 100,
      // A real id would be a read, audited: only ids that name no signal, or are no id.
      request: () => fc.oneof(badSegment(f.signalId), fc.uuid()).map((id) => ({ method: 'GET' as const, path: `/api/signals/${id}`, token: f.tokens.counsellor })),
      statuses: [400, 404, 405],
    },
    {
      name: 'POST /api/signals/:id/answer',
      figure: 150,
      request: () =>
        fc.oneof(
          oneFieldBroken({ text: 'Zullen we morgen bellen?' }, { text: fc.oneof(notAString, fc.constantFrom('', '   ', '\n'), fc.integer({ min: 4_001, max: 12_000 }).map((n) => 'x'.repeat(n)), fc.constant(ABSENT)) }).map((b) => ({ method: 'POST' as const, path: `/api/signals/${f.signalId}/answer`, token: f.tokens.counsellor, body: body(b) })),
          fc.oneof(badSegment(f.signalId), fc.uuid()).map((id) => ({ method: 'POST' as const, path: `/api/signals/${id}/answer`, token: f.tokens.counsellor, body: body({ text: 'Zullen we morgen bellen?' }) })),
        ),
      statuses: [400, 404, 405, 413],
    },
    {
      name: 'POST /api/signals/:id/status',
      figure: 100,
      request: () =>
        fc.oneof(
          oneFieldBroken({ status: 'in-behandeling' }, { status: fc.oneof(notOneOf(['in-behandeling', 'gesloten']), fc.constantFrom('nieuw', 'geteld'), fc.constant(ABSENT)) }).map((b) => ({ method: 'POST' as const, path: `/api/signals/${f.signalId}/status`, token: f.tokens.counsellor, body: body(b) })),
          // Closing without a known outcome (or with one where none belongs) changes nothing.
          oneFieldBroken({ status: 'gesloten', outcome: 'doorverwezen' }, { outcome: fc.oneof(notOneOf([...OUTCOMES]), fc.constant(ABSENT)) }).map((b) => ({ method: 'POST' as const, path: `/api/signals/${f.signalId}/status`, token: f.tokens.counsellor, body: body(b) })),
          fc.constant({ method: 'POST' as const, path: `/api/signals/${f.signalId}/status`, token: f.tokens.counsellor, body: body({ status: 'in-behandeling', outcome: 'doorverwezen' }) }),
          fc.oneof(badSegment(f.signalId), fc.uuid()).map((id) => ({ method: 'POST' as const, path: `/api/signals/${id}/status`, token: f.tokens.counsellor, body: body({ status: 'gesloten', outcome: 'doorverwezen' }) })),
        ),
      statuses: [400, 404, 405, 413],
    },
    {
      name: 'POST /api/signals/:id/handover, /refer',
      figure: 100,
      request: () =>
        fc.oneof(
          oneFieldBroken({ to: 'integriteitsloket', reason: 'integriteit' }, { to: fc.oneof(notOneOf([...REFERRAL_ROLES]), fc.constant(ABSENT)), reason: fc.oneof(notOneOf([...HANDOVER_REASONS]), fc.constant(ABSENT)) }).map((b) => ({ method: 'POST' as const, path: `/api/signals/${f.signalId}/handover`, token: f.tokens.counsellor, body: body(b) })),
          fc.oneof(badSegment(f.signalId), fc.uuid()).map((id) => ({ method: 'POST' as const, path: `/api/signals/${id}/handover`, token: f.tokens.counsellor, body: body({ to: 'integriteitsloket', reason: 'integriteit' }) })),
          oneFieldBroken({ to: 'huis-voor-klokkenluiders' }, { to: fc.oneof(notOneOf([...REFER_ROLES]), fc.constant(ABSENT)) }).map((b) => ({ method: 'POST' as const, path: `/api/signals/${f.signalId}/refer`, token: f.tokens.counsellor, body: body(b) })),
        ),
      statuses: [400, 403, 404, 405, 413],
    },
    {
      name: 'PUT /api/counsellors/:aadObjectId, POST /api/inboxes/hand-on',
      figure: 100,
      request: () => {
        const karin = { aadObjectId: BZK_COUNSELLOR, displayName: 'Karin Bosman', organisation: 'bzk', roles: ['vertrouwenspersoon-integriteit'] };
        return fc.oneof(
          oneFieldBroken(karin, {
            aadObjectId: fc.oneof(fc.uuid(), fc.string(), fc.constant(ABSENT)),
            displayName: fc.oneof(notAString, fc.constantFrom('', '   ', '\u0000'), fc.constant(ABSENT)),
            organisation: fc.oneof(fc.constantFrom('nasa', 'BZK', ''), fc.constant(ABSENT)),
            roles: fc.oneof(fc.constant([]), fc.constant(['integriteitsloket', 'integriteitsloket']), fc.constant(['huis-voor-klokkenluiders']), fc.constant(ABSENT)),
          }).map((b) => ({ method: 'PUT' as const, path: `/api/counsellors/${BZK_COUNSELLOR}`, token: f.tokens.coordinator, body: body(b) })),
          oneFieldBroken({ organisation: 'bzk', from: 'integriteitsloket', to: 'vertrouwenspersoon-integriteit' }, { from: fc.oneof(notOneOf([...REFERRAL_ROLES]), fc.constant(ABSENT)), to: fc.oneof(notOneOf([...REFERRAL_ROLES]), fc.constant(ABSENT)) }).map((b) => ({ method: 'POST' as const, path: '/api/inboxes/hand-on', token: f.tokens.coordinator, body: body(b) })),
        );
      },
      statuses: [400, 405, 409, 413],
    },
    {
      name: 'PUT /api/network-coordinators/:aadObjectId, GET /api/network/…',
      figure: 100,
      request: () => {
        const noor = { aadObjectId: BZK_COUNSELLOR, displayName: 'Noor Hendriks', organisation: 'financien' };
        return fc.oneof(
          oneFieldBroken(noor, {
            aadObjectId: fc.oneof(fc.uuid(), fc.string(), fc.constant(ABSENT)),
            displayName: fc.oneof(notAString, fc.constantFrom('', '   ', '\u0000'), fc.constant(ABSENT)),
            organisation: fc.oneof(fc.constantFrom('nasa', 'FIN', '', 'all', 'rijk'), fc.constant(ABSENT)),
          }).map((b) => ({ method: 'PUT' as const, path: `/api/network-coordinators/${BZK_COUNSELLOR}`, token: f.tokens.coordinator, body: body(b) })),
          fc
            .oneof(fc.constantFrom('scope=', 'scope=ALL', 'scope=rijk', 'scope=x&scope=y', 'year=1999', 'year=abc', 'other=1'), badSegment('bzk').map((s) => `scope=${s}`))
            .chain((q) => fc.constantFrom(`/api/network/figures?${q}`, `/api/network/year-report?${q}`))
            .filter((path) => !(path.startsWith('/api/network/figures') && path.includes('year=')))
            .map((path) => ({ method: 'GET' as const, path, token: f.tokens.coordinator })),
        );
      },
      // A code no organisation has is well formed: 403, as for an organisation that is not the caller's.
      statuses: [400, 403, 405, 413],
    },
    {
      name: 'GET /api/referrals?…',
      figure: 150,
      request: () =>
        fc
          .tuple(
            fc.option(fc.oneof(nastyString.filter(encodable).map(encodeURIComponent), fc.constantFrom(...RAW_SEGMENTS)), { nil: undefined }),
            fc.option(fc.oneof(notOneOf(CATEGORIES).filter(encodable).map((v) => encodeURIComponent(String(v))), fc.constantFrom(...CATEGORIES)), { nil: undefined }),
            fc.option(fc.oneof(notOneOf(ORGANISATIONS).filter(encodable).map((v) => encodeURIComponent(String(v))), fc.constantFrom(...ORGANISATIONS, 'rijk')), { nil: undefined }),
            fc.constantFrom('', '&q=a&q=b', '&topic[]=pesten', '&q[__proto__][polluted]=1', '&__proto__[polluted]=1', '&constructor[prototype][polluted]=1', '&organisation[a]=b', '&&&=&', `&x=${'y'.repeat(3_000)}`),
          )
          .map(([q, topic, organisation, extra]) => ({
            method: 'GET' as const,
            path: `/api/referrals?${[q && `q=${q}`, topic && `topic=${topic}`, organisation && `organisation=${organisation}`].filter(Boolean).join('&')}${extra}`,
            token: f.tokens.employee,
          })),
      statuses: [400],
      successes: [200],
    },
    {
      name: 'POST /api/planning/requests/:workshopId',
      figure: 100,
      request: () =>
        fc.oneof(
          oneFieldBroken({ answer: 'accept' }, { answer: fc.oneof(notOneOf(['accept', 'decline']), fc.constantFrom('Accept', 'ja', 'true'), fc.constant(ABSENT)) }).map((b) => ({ method: 'POST' as const, path: `/api/planning/requests/${f.workshopId}`, token: f.tokens.facilitator, body: body(b) })),
          fc.oneof(badSegment(f.workshopId), fc.uuid()).map((id) => ({ method: 'POST' as const, path: `/api/planning/requests/${id}`, token: f.tokens.facilitator, body: body({ answer: 'decline' }) })),
        ),
      statuses: [400, 404, 405, 413],
    },
    {
      name: 'POST /api/referrals/:id/send',
      figure: 150,
      request: () =>
        fc.oneof(
          oneFieldBroken({ workshopId: f.workshopId, participant: 'aad-colleague-1' }, {
            workshopId: fc.oneof(notAUuid, fc.uuid(), fc.constant(ABSENT)),
            participant: fc.oneof(notOneOf(['aad-colleague-1']), fc.constantFrom('aad-colleague-9', 'AAD-COLLEAGUE-1', 'x'.repeat(65)), fc.constant(ABSENT)),
          }).map((b) => ({ method: 'POST' as const, path: `/api/referrals/${f.referral.id}/send`, token: f.tokens.facilitator, body: body(b) })),
          badSegment(f.referral.id).map((id) => ({ method: 'POST' as const, path: `/api/referrals/${id}/send`, token: f.tokens.facilitator, body: body({ workshopId: f.workshopId, participant: 'aad-colleague-1' }) })),
        ),
      statuses: [400, 403, 404, 405, 413],
    },
    {
      name: 'POST /api/planning/availability',
      figure: 150,
      request: () =>
        oneFieldBroken({ startsAt: '2027-03-01T08:00:00Z', endsAt: '2027-03-01T16:00:00Z' }, {
          startsAt: fc.oneof(notAString, nastyString, fc.constantFrom('2027-03-01T17:00:00Z', '2027-03-01', '2027-03-01T08:00:00', '2027-02-30T08:00:00Z', '2025-03-01T08:00:00Z', '+275760-09-13T00:00:00Z', '1e309'), fc.constant(ABSENT)),
          endsAt: fc.oneof(notAString, nastyString, fc.constantFrom('2027-03-01T07:00:00Z', '2028-03-02T16:00:00Z', '2027-03-01T16:00:00', '2027-03-01T25:00:00Z'), fc.constant(ABSENT)),
        }).map((b) => ({ method: 'POST' as const, path: '/api/planning/availability', token: f.tokens.facilitator, body: body(b) })),
      statuses: [400, 413],
    },
    {
      name: 'DELETE /api/planning/availability/:id',
      figure: 100,
      request: () =>
        fc.oneof(
          fc.oneof(badSegment(f.availabilityId), fc.uuid()).map((id) => ({ method: 'DELETE' as const, path: `/api/planning/availability/${id}`, token: f.tokens.facilitator })),
          // Another facilitator's period: not theirs to remove.
          fc.constant({ method: 'DELETE' as const, path: `/api/planning/availability/${f.availabilityId}`, token: f.tokens.employee }),
        ),
      statuses: [400, 403, 404, 405],
    },
    {
      name: 'POST /api/materials, PUT /api/materials/:id',
      figure: 200,
      request: () => {
        const { id, ...valid } = f.material;
        const breakers = {
          title: fc.oneof(notAString, fc.constantFrom('', '   '), fc.integer({ min: 121, max: 500 }).map((n) => 'x'.repeat(n)), fc.constant(ABSENT)),
          kind: fc.oneof(notOneOf(['film', 'werkvorm', 'handout']), fc.constant(ABSENT)),
          url: fc.oneof(notAString, nastyString, fc.constantFrom('http://example.org/a.pdf', 'javascript:alert(1)', 'https://', 'data:text/html,x', `https://example.org/${'x'.repeat(500)}`), fc.constant(ABSENT)),
          durationMinutes: fc.oneof(notANumber.filter((v) => v !== null), fc.constantFrom<unknown>(0, 601, 1.5, '6', -1), fc.constant(ABSENT)),
          language: fc.oneof(notOneOf(['nl', 'en']), fc.constant(ABSENT)),
          audience: fc.oneof(notOneOf(['mt-leidinggevenden', 'medewerkers', 'professionals', 'nieuwe-medewerkers', 'gemengd']), fc.constant(ABSENT)),
        };
        return fc.oneof(
          oneFieldBroken(valid, breakers).map((b) => ({ method: 'POST' as const, path: '/api/materials', token: f.tokens.coordinator, body: body(b) })),
          oneFieldBroken(valid, breakers).map((b) => ({ method: 'PUT' as const, path: `/api/materials/${id}`, token: f.tokens.coordinator, body: body(b) })),
          fc.oneof(badSegment(id), fc.uuid()).map((bad) => ({ method: 'PUT' as const, path: `/api/materials/${bad}`, token: f.tokens.coordinator, body: body(valid) })),
          // Only the coordinator keeps the library.
          fc.constantFrom(f.tokens.facilitator, f.tokens.employee, f.tokens.counsellor).map((token) => ({ method: 'POST' as const, path: '/api/materials', token, body: body(valid) })),
          fc.constantFrom(f.tokens.facilitator, f.tokens.employee).map((token) => ({ method: 'DELETE' as const, path: `/api/materials/${id}`, token })),
          fc.oneof(badSegment(id), fc.uuid()).map((bad) => ({ method: 'DELETE' as const, path: `/api/materials/${bad}`, token: f.tokens.coordinator })),
        );
      },
      statuses: [400, 403, 404, 405, 413],
    },
    {
      name: 'PUT /api/planning/workshops/:workshopId/materials',
      figure: 120,
      request: () =>
        fc.oneof(
          oneFieldBroken({ materialIds: [f.material.id] }, {
            materialIds: fc.oneof(notAString.filter((v) => !Array.isArray(v)), fc.array(fc.oneof(notAUuid, fc.uuid()), { minLength: 1, maxLength: 3 }), fc.constant(Array.from({ length: 21 }, () => f.material.id)), fc.constant(ABSENT)),
          }).map((b) => ({ method: 'PUT' as const, path: `/api/planning/workshops/${f.workshopId}/materials`, token: f.tokens.facilitator, body: body(b) })),
          fc.oneof(badSegment(f.workshopId), fc.uuid()).map((id) => ({ method: 'PUT' as const, path: `/api/planning/workshops/${id}/materials`, token: f.tokens.facilitator, body: body({ materialIds: [f.material.id] }) })),
          // Asked, not accepted, or not in the pool at all: no workshop of theirs.
          fc.constantFrom(f.tokens.facilitator, f.tokens.employee, f.tokens.coordinator).map((token) => ({ method: 'PUT' as const, path: `/api/planning/workshops/${f.workshopId}/materials`, token, body: body({ materialIds: [f.material.id] }) })),
        ),
      statuses: [400, 403, 404, 405, 413],
    },
    {
      name: 'GET /api/programmes/:id/calendar.ics',
      figure: 100,
      request: () => {
        const [, id, token] = /^\/api\/programmes\/([^/]+)\/calendar\.ics\?t=(.+)$/.exec(f.programmeCalendarPath)!;
        return fc.oneof(
          badSegment(id!).map((bad) => ({ method: 'GET' as const, path: `/api/programmes/${bad}/calendar.ics?t=${token}` })),
          fc.uuid().map((other) => ({ method: 'GET' as const, path: `/api/programmes/${other}/calendar.ics?t=${token}` })),
          // A workshop's link put on the programme's address, or the programme's link flipped.
          fc.constant({ method: 'GET' as const, path: `/api/programmes/${id}/calendar.ics?t=${/t=(.+)$/.exec(f.calendarPath)![1]}` }),
          fc.nat({ max: 31 }).map((i) => ({ method: 'GET' as const, path: `/api/programmes/${id}/calendar.ics?t=${token!.slice(0, i)}${token![i] === 'A' ? 'B' : 'A'}${token!.slice(i + 1)}` })),
        );
      },
      statuses: [404],
    },
    {
      name: 'GET /api/workshops/:id/calendar.ics',
      figure: 150,
      request: () => {
        const [, id, token] = /^\/api\/workshops\/([^/]+)\/calendar\.ics\?t=(.+)$/.exec(f.calendarPath)!;
        return fc.oneof(
          badSegment(id!).map((bad) => ({ method: 'GET' as const, path: `/api/workshops/${bad}/calendar.ics?t=${token}` })),
          fc.uuid().map((other) => ({ method: 'GET' as const, path: `/api/workshops/${other}/calendar.ics?t=${token}` })),
          fc.oneof(badSegment(token!), fc.nat({ max: 31 }).map((i) => `${token!.slice(0, i)}${token![i] === 'A' ? 'B' : 'A'}${token!.slice(i + 1)}`)).map((bad) => ({ method: 'GET' as const, path: `/api/workshops/${id}/calendar.ics?t=${bad}` })),
          fc.constantFrom(`/api/workshops/${id}/calendar.ics`, `/api/workshops/${id}/calendar.ics?t=${token}&t=${token}`, `/api/workshops/${id}/calendar.ics?t[]=${token}`).map((path) => ({ method: 'GET' as const, path })),
        );
      },
      statuses: [404],
    },
  ];

  it.each(routes.map((r) => [r.name, r]))('refuses %s with one part broken: 4xx, the error shape, the caller\'s language, no change', async (_name, r) => {
    await assertProperty(fc.tuple(r.request(), language), r.figure, async ([request, lang]) => apiCase(request, lang, r.statuses, r.successes));
  });

  /** Every route with a valid request, for the properties that break what is around it. */
  const everyRoute = (): Request[] => [
    { method: 'GET', path: '/api/me', token: f.tokens.employee },
    { method: 'GET', path: '/api/referrals', token: f.tokens.employee },
    { method: 'GET', path: '/api/pool', token: f.tokens.coordinator },
    { method: 'POST', path: '/api/pool/fac-ubr-daan', token: f.tokens.coordinator, body: body({ active: true }) },
    { method: 'GET', path: '/api/workshops', token: f.tokens.coordinator },
    { method: 'PUT', path: `/api/referrals/${f.referral.id}`, token: f.tokens.coordinator, body: body(f.referral) },
    { method: 'POST', path: '/api/referrals', token: f.tokens.coordinator, body: body((({ id: _id, ...entry }) => entry)(f.referral)) },
    { method: 'DELETE', path: `/api/referrals/${f.referral.id}`, token: f.tokens.coordinator },
    { method: 'GET', path: '/api/routing-rules', token: f.tokens.coordinator },
    { method: 'PUT', path: '/api/routing-rules', token: f.tokens.coordinator, body: body(f.rule) },
    { method: 'GET', path: '/api/insights', token: f.tokens.coordinator },
    { method: 'GET', path: '/api/network/figures?scope=financien', token: f.tokens.coordinator },
    { method: 'GET', path: '/api/network/year-report', token: f.tokens.coordinator },
    { method: 'GET', path: '/api/network-coordinators', token: f.tokens.coordinator },
    { method: 'PUT', path: `/api/network-coordinators/${BZK_COUNSELLOR}`, token: f.tokens.coordinator, body: body({ aadObjectId: BZK_COUNSELLOR, displayName: 'Noor Hendriks', organisation: 'financien' }) },
    { method: 'DELETE', path: `/api/network-coordinators/${BZK_COUNSELLOR}?organisation=financien`, token: f.tokens.coordinator },
    { method: 'GET', path: '/api/signals', token: f.tokens.counsellor },
    { method: 'GET', path: `/api/signals/${f.signalId}`, token: f.tokens.counsellor },
    { method: 'POST', path: `/api/signals/${f.signalId}/answer`, token: f.tokens.counsellor, body: body({ text: 'Zullen we bellen?' }) },
    { method: 'POST', path: `/api/signals/${f.signalId}/status`, token: f.tokens.counsellor, body: body({ status: 'gesloten', outcome: 'doorverwezen' }) },
    { method: 'POST', path: `/api/signals/${f.signalId}/handover`, token: f.tokens.counsellor, body: body({ to: 'integriteitsloket', reason: 'integriteit' }) },
    { method: 'POST', path: `/api/signals/${f.signalId}/refer`, token: f.tokens.counsellor, body: body({ to: 'huis-voor-klokkenluiders' }) },
    { method: 'GET', path: '/api/counsellors', token: f.tokens.coordinator },
    { method: 'PUT', path: `/api/counsellors/${BZK_COUNSELLOR}`, token: f.tokens.coordinator, body: body({ aadObjectId: BZK_COUNSELLOR, displayName: 'Karin Bosman', organisation: 'bzk', roles: ['vertrouwenspersoon-integriteit', 'vertrouwenspersoon-ongewenst-gedrag'] }) },
    { method: 'DELETE', path: `/api/counsellors/${BZK_COUNSELLOR}?organisation=bzk`, token: f.tokens.coordinator },
    { method: 'POST', path: '/api/inboxes/hand-on', token: f.tokens.coordinator, body: body({ organisation: 'bzk', from: 'integriteitsloket', to: 'vertrouwenspersoon-integriteit' }) },
    { method: 'GET', path: '/api/planning', token: f.tokens.facilitator },
    { method: 'POST', path: `/api/planning/requests/${f.workshopId}`, token: f.tokens.facilitator, body: body({ answer: 'decline' }) },
    { method: 'GET', path: '/api/planning/participants', token: f.tokens.facilitator },
    { method: 'POST', path: `/api/referrals/${f.referral.id}/send`, token: f.tokens.facilitator, body: body({ workshopId: f.workshopId, participant: 'aad-colleague-1' }) },
    { method: 'POST', path: '/api/planning/availability', token: f.tokens.facilitator, body: body({ startsAt: '2027-03-01T08:00:00Z', endsAt: '2027-03-01T16:00:00Z' }) },
    { method: 'DELETE', path: `/api/planning/availability/${f.availabilityId}`, token: f.tokens.facilitator },
  ];

  it('refuses every route without a valid token: 401, whatever the Authorization header holds', async () => {
    const header = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom('', 'Bearer', 'Bearer ', 'bearer x', 'Basic dXNlcjpwYXNz', 'Bearer a.b.c', 'Bearer ..', `Bearer ${'A'.repeat(10_000)}`, 'Bearer eyJhbGciOiJub25lIn0.eyJvaWQiOiJ4In0.', 'Bearer \t x', 'Negotiate abc'),
      fc.string({ unit: 'binary-ascii', maxLength: 200 }).filter((s) => /^[\x20-\x7e\t]*$/.test(s)).map((s) => `Bearer ${s}`),
      fc.constantFrom('unsigned', 'stranger', 'expired', 'audience', 'tenant'),
    );
    await assertProperty(fc.tuple(fc.nat(), header, language), 200, async ([pick, kind, lang]) => {
      const routesNow = everyRoute();
      const r = routesNow[pick % routesNow.length]!;
      const authorization = await authorizationFor(kind);
      const { token: _token, ...rest } = r;
      await apiCase({ ...rest, headers: authorization === undefined ? {} : { authorization } }, lang, [401]);
    });
  });

  async function authorizationFor(kind: string | undefined): Promise<string | undefined> {
    const oid = COORDINATOR_OID;
    const forged: Record<string, () => Promise<string>> = {
      unsigned: async () => entra.unsigned(oid),
      stranger: () => entra.token(oid, { roles: ['Coordinator'], signWith: 'stranger' }),
      expired: () => entra.token(oid, { roles: ['Coordinator'], exp: Math.floor(Date.now() / 1000) - 3_600 }),
      audience: () => entra.token(oid, { roles: ['Coordinator'], aud: 'api://elsewhere/00000000-0000-4000-8000-000000000000' }),
      tenant: () => entra.token(oid, { roles: ['Coordinator'], tid: '00000000-0000-4000-8000-000000000bad' }),
    };
    return kind !== undefined && kind in forged ? `Bearer ${await forged[kind]!()}` : kind;
  }

  it('refuses every route to a person without its role: 403', async () => {
    const roleOf = (r: Request) => Object.entries(f.tokens).find(([, token]) => token === r.token)![0];
    // Routes open to anyone signed in (the employee's) have no role to lack.
    const wrongRole = () => everyRoute().flatMap((r) => Object.entries(f.tokens).filter(([role]) => role !== roleOf(r) && roleOf(r) !== 'employee').map(([, token]) => ({ ...r, token })));
    await assertProperty(fc.tuple(fc.nat(), language), 150, async ([pick, lang]) => {
      const all = wrongRole();
      await apiCase(all[pick % all.length]!, lang, [403]);
    });
  });

  it('refuses bodies that are not the form a route takes: not JSON, another type, too large, nested, polluted', async () => {
    const raw = fc.oneof(
      // Not an object that names a form's field: such a value could be a valid form by chance.
      nastyJson.filter((v) => !(v && typeof v === 'object' && Object.keys(v).some((k) => FORM_FIELDS.has(k)))).map((v) => ({ body: JSON.stringify(v) ?? 'null' })),
      deeplyNested.map((v) => ({ body: JSON.stringify(v) })),
      fc.constantFrom('', '{', '{"a":', 'nul', 'undefined', 'NaN', '{"a":NaN}', '{"a":1e309}', "{'a':1}", '{"a":1,}', '\ufeff{}', '[]', '"x"', '42', 'true', '{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}').map((text) => ({ body: text })),
      fc.integer({ min: 64 * 1024 + 1, max: 300 * 1024 }).map((n) => ({ body: `{"text":"${'x'.repeat(n)}"}` })),
      fc.tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'application/jsonx', ''), fc.constantFrom('{}', 'a=b', '<a/>')).map(([contentType, text]) => ({ body: text, contentType })),
      fc.constantFrom('gzip', 'deflate', 'br').map((encoding) => ({ body: '{}', headers: { 'content-encoding': encoding } })),
    );
    await assertProperty(fc.tuple(fc.nat(), raw, language), 300, async ([pick, change, lang]) => {
      const withBody = everyRoute().filter((r) => r.body !== undefined);
      const r = withBody[pick % withBody.length]!;
      await apiCase({ ...r, ...change }, lang, [400, 404, 413, 415]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  it('answers paths and methods that are no route with 404 or 405 in the error shape', async () => {
    const path = fc.oneof(
      fc.constantFrom('/api', '/api/', '/api/nope', '/api/signals/', '/api/pool/', '/api/referrals/a/b/c', '/api/dev/sign-in', '/api/workshops/x', '/tab/../../etc/passwd', '/tab/%2e%2e/%2e%2e/etc/passwd', '/tab/nope.js', '/api/messages/x'),
      nastyString.filter((s) => encodable(s) && s.length < 500 && !ROUTE_WORDS.includes(s)).map((s) => `/api/${encodeURIComponent(s)}`),
    );
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH') as fc.Arbitrary<Request['method']>;
    await assertProperty(fc.tuple(path, method, fc.boolean(), language), 150, async ([p, m, withBody, lang]) => {
      // As a person without a role: a path that does reach a route ("/api/pool/" is "/api/pool") is refused for the role.
      await apiCase({ method: m, path: p, token: f.tokens.employee, ...(withBody && m !== 'GET' ? { body: '{}' } : {}) }, lang, [400, 401, 403, 404, 405]);
    });
  });

  it('refuses extra keys everywhere a form is strict, and survives pollution keys in every body', async () => {
    await assertProperty(fc.tuple(fc.nat(), junkKeys, language), 150, async ([pick, extra, lang]) => {
      // Forms whose schema is strict: an extra key refuses the request. (A referral edit and a routing rule drop extras.)
      const strict = everyRoute().filter((r) => r.body !== undefined && !['PUT'].includes(r.method));
      const r = strict[pick % strict.length]!;
      await apiCase({ ...r, body: body(withOwnKeys(JSON.parse(r.body!), extra)) }, lang, [400, 413]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  /** Requests the fuzzer found that failed with a 500, changed data or answered in restify's English, each kept as an example. */
  describe('found by fuzzing', () => {
    const nlRefusal = (status: number, error: string, message: string) => ({ status, json: { error, message } });

    it('refuses a place for an organisation that does not exist (it was stored)', async () => {
      const { id: _ignored, ...newEntry } = f.referral;
      for (const r of [
        { method: 'PUT' as const, path: `/api/referrals/${f.referral.id}`, token: f.tokens.coordinator, body: body({ ...f.referral, organisation: 'nasa' }) },
        { method: 'POST' as const, path: '/api/referrals', token: f.tokens.coordinator, body: body({ ...newEntry, organisation: 'nasa' }) },
      ]) {
        cases++;
        expect(await call(r, 'nl-NL')).toMatchObject(nlRefusal(400, 'invalid', nl.api.invalid));
      }
      expect(changedTables(last, (last = await fingerprint()))).toEqual([]);
    });

    it.each([
      ['a NUL', 'Bedrijfsarts\u0000BZK'],
      ['a lone surrogate', 'Bedrijfsarts \ud800'],
    ])('refuses a place whose name holds %s (PostgreSQL refused it: a 500)', async (_what, name) => {
      cases++;
      const edited = { ...f.referral, name: { ...(f.referral.name as object), nl: name } };
      expect(await call({ method: 'PUT', path: `/api/referrals/${f.referral.id}`, token: f.tokens.coordinator, body: body(edited) }, 'en-US')).toMatchObject({ status: 400, json: { error: 'invalid', message: en.api.invalid } });
      expect(changedTables(last, (last = await fingerprint()))).toEqual([]);
    });

    it('refuses availability whose start is no instant (the period check threw on the text: a 500)', async () => {
      cases++;
      const r = { method: 'POST' as const, path: '/api/planning/availability', token: f.tokens.facilitator, body: body({ startsAt: '', endsAt: '2027-03-01T16:00:00Z' }) };
      expect(await call(r, 'nl-NL')).toMatchObject(nlRefusal(400, 'invalid', nl.api.invalid));
      expect(changedTables(last, (last = await fingerprint()))).toEqual([]);
    });

    it("answers what restify refuses itself in the API's shape and the caller's language (it was {code, message} in English, quoting the body)", async () => {
      const pool = { method: 'POST' as const, path: '/api/pool/fac-ubr-daan', token: f.tokens.coordinator };
      const chunked = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`{"active":"${'x'.repeat(70 * 1024)}"}`));
          controller.close();
        },
      });
      const tooLarge = await fetch(`${h.service.base}${pool.path}`, { method: 'POST', headers: { authorization: `Bearer ${pool.token}`, 'content-type': 'application/json' }, body: chunked, duplex: 'half' } as RequestInit);
      expect({ status: tooLarge.status, json: await tooLarge.json() }).toEqual(nlRefusal(413, 'too-large', nl.api.tooLarge));
      for (const [r, lang, expected] of [
        [{ ...pool, body: '{"active":tru' }, 'nl-NL', nlRefusal(400, 'invalid', nl.api.invalid)],
        [{ ...pool, body: '{"active":tru' }, 'en-US', { status: 400, json: { error: 'invalid', message: en.api.invalid } }],
        [{ ...pool, body: 'active=true', contentType: 'text/plain' }, 'nl-NL', nlRefusal(415, 'unsupported-media-type', nl.api.invalid)],
        [{ method: 'GET', path: '/api/nope', token: f.tokens.coordinator }, 'nl-NL', nlRefusal(404, 'not-found', nl.api.notFound)],
        [{ method: 'PATCH', path: '/api/me', token: f.tokens.coordinator }, 'en', { status: 405, json: { error: 'method-not-allowed', message: en.api.invalid } }],
      ] as Array<[Request, string, object]>) {
        cases++;
        expect(await call(r, lang)).toMatchObject(expected);
      }
      expect(changedTables(last, (last = await fingerprint()))).toEqual([]);
    });

    it('gives a refused answer to a duo request the error code every refusal has', async () => {
      cases++;
      const r = { method: 'POST' as const, path: '/api/planning/requests/6f1c1a52-8d0e-4a4f-9f57-0c9a0b6b1e11', token: f.tokens.facilitator, body: body({ answer: 'accept' }) };
      expect(await call(r, 'nl-NL')).toMatchObject({ status: 404, json: { error: 'not-found', outcome: 'onbekend', message: nl.workshop.answers.onbekend } });
    });
  });

  it('still answers normally after all this', async () => {
    const me = await call({ method: 'GET', path: '/api/me', token: f.tokens.coordinator });
    expect(me).toMatchObject({ status: 200, json: { roles: ['coordinator'] } });
    expect((await fetch(`${h.service.base}/healthz`)).status).toBe(200);
  });
});

describe.each(storesUnderTest())('fuzzing the development sign-in on %s', (kind, createStore) => {
  let service: Awaited<ReturnType<typeof startService>>;
  let dispose: () => Promise<void>;
  let cases = 0;
  let fingerprint: () => Promise<Fingerprint>;
  beforeAll(async () => {
    const store = await createStore();
    dispose = store.dispose;
    service = await startService(store.storage, FUZZ_LIMITS);
    fingerprint = fingerprinter(service.app.db, await domainTables(service.app.db));
  });
  afterAll(async () => {
    await service?.app.stop();
    await dispose?.();
    process.stdout.write(`fuzz-api (development sign-in) on ${kind}: ${cases} cases (seed ${FUZZ_SEED})\n`);
  });

  it('refuses every body but a known persona with 400 in the caller\'s language, and changes nothing', async () => {
    const before = await fingerprint();
    const bodies = fc.oneof(
      oneFieldBroken({ persona: 'facilitator' }, { persona: fc.oneof(notOneOf(['facilitator', 'facilitatorBzk', 'counsellor', 'coordinator', 'medewerker']), fc.constantFrom('admin', '__proto__', 'toString', 'constructor'), fc.constant(ABSENT)) }).map((b) => JSON.stringify(b)),
      nastyJson.map((v) => JSON.stringify(v) ?? 'null'),
      fc.constantFrom('', '{', 'persona=facilitator', `{"persona":"${'x'.repeat(2_000)}"}`),
      hugeString.map((s) => JSON.stringify({ persona: s })),
    );
    await assertProperty(fc.tuple(bodies, language), 150, async ([text, lang]) => {
      cases++;
      const res = await fetch(`${service.base}/api/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(lang.header !== undefined ? { 'accept-language': lang.header } : {}) },
        body: text,
      });
      const answer = (await res.json()) as { error?: unknown; message?: unknown; token?: unknown };
      expect([400, 413]).toContain(res.status);
      expect(Object.keys(answer).sort()).toEqual(['error', 'message']);
      expect(refusalMessages(STRINGS[lang.language])).toContain(answer.message);
    });
    expect(changedTables(before, await fingerprint())).toEqual([]);
  });
});

/** A path segment as restify hands it to the route: decoded, or as it is when it cannot be decoded. */
function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
