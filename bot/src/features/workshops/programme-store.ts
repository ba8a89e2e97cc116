import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../platform/database/database';
import type { NoticeRequest } from './notices';
import type { WorkshopLocation } from './planning';
import { choiceChange, type MyChoices, type Programme, programmeClosed, type ProgrammeSession } from './programme';
import type { ChooseResult, NewProgrammeRecord, ProgrammeCancelResult, ProgrammeStore, SessionParticipants } from './programme-service';
import type { Person } from './workshop';
import { enqueueNotices } from './workshop-notices-outbox';
import { registerForSessionIn, scheduleJobs, unregisterIn, waitingPosition } from './workshop-store';

type ProgrammeRow = {
  id: string;
  organiser_aad_object_id: string | null;
  organiser_user_id: string | null;
  tenant_id: string | null;
  service_url: string;
  channel_conversation_id: string | null;
  invitation_activity_id: string | null;
  rijksbreed: boolean;
  title: string;
  starts_at: Date | string;
  ends_at: Date | string;
  location_kind: 'online' | 'place';
  location: string;
  audiences: Programme['audiences'];
  language: Programme['language'];
  plenary_title: string | null;
  plenary_starts_at: Date | string | null;
  plenary_ends_at: Date | string | null;
  status: Programme['status'];
  version: number;
  mix_roles: string[] | null;
  group_size: number | null;
  mix_min_percent: number | null;
  groups_announce_hours: number | null;
};

type SessionRow = {
  id: string;
  round: number;
  starts_at: Date | string;
  ends_at: Date | string;
  title: string;
  host: string | null;
  room: string | null;
  seats: number;
  registered: number;
  waiting: number;
  mixed: boolean;
};

/** Programmes in PostgreSQL. Every choice takes the programme's row lock first, then the sessions' (as workshops do). */
export class DatabaseProgrammeStore implements ProgrammeStore {
  constructor(private readonly db: Database) {}

  create(r: NewProgrammeRecord): Promise<string> {
    return this.db.transaction(async (tx) => {
      const p = r.plan;
      const location = p.location.kind === 'online' ? p.location.url : p.location.text;
      const inserted = await tx.query(
        `INSERT INTO programmes (id, organiser_aad_object_id, organiser_user_id, tenant_id, service_url, channel_conversation_id, invitation_activity_id,
           plan_form_id, rijksbreed, title, starts_at, ends_at, location_kind, location, audiences, language, plenary_title, plenary_starts_at, plenary_ends_at,
           mix_roles, group_size, mix_min_percent, groups_announce_hours)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::text[], $16, $17, $18, $19, $20::text[], $21, $22, $23)
         ON CONFLICT (plan_form_id) DO NOTHING`,
        [
          r.id,
          r.organiser.aadObjectId,
          r.organiser.userId,
          r.home.tenantId ?? null,
          r.home.serviceUrl,
          r.home.channelConversationId ?? null,
          r.home.invitationActivityId ?? null,
          r.formId,
          r.home.rijksbreed,
          p.title,
          p.startsAt.toISOString(),
          p.endsAt.toISOString(),
          p.location.kind,
          location,
          p.audiences,
          p.language,
          p.plenary?.title ?? null,
          p.plenary?.startsAt.toISOString() ?? null,
          p.plenary?.endsAt.toISOString() ?? null,
          p.mix?.roles ?? null,
          p.mix?.groupSize ?? null,
          p.mix?.minPercent ?? null,
          p.mix?.announceHours ?? null,
        ],
      );
      if (inserted.rowCount === 0) {
        const { rows } = await tx.query<{ id: string }>('SELECT id FROM programmes WHERE plan_form_id = $1', [r.formId]);
        return rows[0]!.id;
      }
      let first: string | undefined;
      for (const round of p.rounds) {
        for (const [number, s] of round.sessions.entries()) {
          const sessionId = randomUUID();
          first ??= sessionId;
          // A session reaches its people in personal chat; the programme's card is the one shared invitation.
          await tx.query(
            `INSERT INTO workshops (id, organiser_aad_object_id, organiser_user_id, tenant_id, service_url, plan_form_id, rijksbreed,
               starts_at, ends_at, location_kind, location, audience, seats, language, status, programme_id, round, session_number, title, host, room, mixed)
             VALUES ($1, $2, $3, $4, $5, $6, false, $7, $8, $9, $10, 'gemengd', $11, $12, 'bevestigd', $13, $14, $15, $16, $17, $18, $19)`,
            [
              sessionId,
              r.organiser.aadObjectId,
              r.organiser.userId,
              r.home.tenantId ?? null,
              r.home.serviceUrl,
              randomUUID(),
              round.startsAt.toISOString(),
              round.endsAt.toISOString(),
              p.location.kind,
              location,
              s.seats,
              p.language,
              r.id,
              round.round,
              number + 1,
              s.title,
              s.host ?? null,
              s.room ?? null,
              s.mixed,
            ],
          );
          const groups = s.mixed && p.mix ? [{ kind: 'groups' as const, dueAt: new Date(round.startsAt.getTime() - p.mix.announceHours * 3_600_000) }] : [];
          await scheduleJobs(tx, sessionId, [...r.jobsFor(round.startsAt, round.endsAt), ...groups]);
        }
      }
      await enqueueNotices(tx, first!, [programmeInvitationUpdate(r.id)]);
      return r.id;
    });
  }

  find(id: string): Promise<Programme | undefined> {
    return findProgramme(this.db, id);
  }

  async openRijksbreed(now: Date, limit: number): Promise<Programme[]> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id FROM programmes WHERE rijksbreed AND status <> 'geannuleerd' AND starts_at > $1 ORDER BY starts_at LIMIT $2`,
      [now.toISOString(), limit],
    );
    const found = await Promise.all(rows.map((r) => findProgramme(this.db, r.id)));
    return found.filter((p): p is Programme => p !== undefined);
  }

  choicesOf(id: string, aadObjectId: string): Promise<MyChoices> {
    return choicesIn(this.db, id, aadObjectId);
  }

  choose(
    id: string,
    person: Person,
    choices: Array<{ round: number; sessionId: string | null }>,
    cardVersion: number,
    now: Date,
    promotedNotice: (sessionId: string) => (p: Person) => NoticeRequest,
    role?: string,
  ): Promise<ChooseResult> {
    return this.db.transaction(async (tx) => {
      const p = await lockProgramme(tx, id);
      if (!p) return { outcome: 'onbekend' };
      if (programmeClosed(p, now)) return { outcome: 'gesloten' };
      if (p.version !== cardVersion) return { outcome: 'verouderd' };
      const sessions = await tx.query<{ id: string; round: number; mixed: boolean }>('SELECT id, round, mixed FROM workshops WHERE programme_id = $1', [id]);
      const roundOf = new Map(sessions.rows.map((s) => [s.id, s.round]));
      const rounds = new Set(sessions.rows.map((s) => s.round));
      // A session of another round or programme, or a round twice: bad input, nothing changes.
      const valid = choices.every((c) => rounds.has(c.round) && (c.sessionId === null || roundOf.get(c.sessionId) === c.round));
      if (!valid || new Set(choices.map((c) => c.round)).size !== choices.length) return { outcome: 'geen-sessie' };
      const current = await choicesIn(tx, id, person.aadObjectId);
      // What each round's choice changes, in round order: worked out once, and checked before anything changes.
      const changes = [...choices].sort((a, b) => a.round - b.round).map((c) => ({ round: c.round, change: choiceChange(current.get(c.round), c.sessionId) }));
      const mixed = new Set(sessions.rows.filter((x) => x.mixed).map((x) => x.id));
      const dialogues = changes.flatMap(({ change }) => (change !== 'unchanged' && change.join && mixed.has(change.join) ? [change.join] : []));
      if (dialogues.length > 0) {
        // Joining a dialogue takes a role of the programme's, and a dialogue whose groups were made takes nobody new.
        if (!role || !p.roles.includes(role)) return { outcome: 'rol-nodig' };
        const made = await tx.query(`SELECT 1 FROM workshop_jobs WHERE kind = 'groups' AND done_at IS NOT NULL AND workshop_id = ANY($1::uuid[])`, [dialogues]);
        if (made.rows.length > 0) return { outcome: 'groepen-gemaakt' };
      }
      const results: Extract<ChooseResult, { outcome: 'gekozen' }>['rounds'] = [];
      for (const { round, change } of changes) {
        if (change === 'unchanged') {
          results.push({ round, outcome: 'ongewijzigd' });
          continue;
        }
        // The seat is freed at once: the first on that session's waiting list moves up and is told.
        if (change.leave) await unregisterIn(tx, change.leave, person, now, promotedNotice(change.leave), []);
        if (!change.join) {
          results.push({ round, outcome: 'afgemeld' });
          continue;
        }
        const joined = await registerForSessionIn(tx, change.join, person, now, mixed.has(change.join) ? role : undefined);
        if (joined.outcome === 'aangemeld') results.push({ round, outcome: 'aangemeld' });
        else if (joined.outcome === 'wachtlijst') results.push({ round, outcome: 'wachtlijst', position: joined.position, sessionId: change.join, ...(joined.reason ? { reason: joined.reason } : {}) });
        // A session cannot refuse once its programme is open: this would be a broken invariant, so nothing is kept.
        else throw new Error(`session refused a registration: ${joined.outcome}`);
      }
      if (results.some((r) => r.outcome !== 'ongewijzigd')) {
        const first = sessions.rows[0]!.id;
        await enqueueNotices(tx, first, [programmeInvitationUpdate(id)]);
      }
      return { outcome: 'gekozen', rounds: results };
    });
  }

  async participants(id: string, organiserAad: string): Promise<SessionParticipants[] | undefined> {
    const { rows: owner } = await this.db.query<{ organiser_aad_object_id: string | null }>('SELECT organiser_aad_object_id FROM programmes WHERE id = $1', [id]);
    if (!owner[0] || owner[0].organiser_aad_object_id !== organiserAad) return undefined;
    const { rows } = await this.db.query<{ workshop_id: string; display_name: string | null; status: 'aangemeld' | 'wachtlijst'; role: string | null; group_number: number | null }>(
      `SELECT r.workshop_id, r.display_name, r.status, r.role, r.group_number FROM registrations r JOIN workshops w ON w.id = r.workshop_id
       WHERE w.programme_id = $1 ORDER BY r.queue_order`,
      [id],
    );
    const programme = (await findProgramme(this.db, id))!;
    return programme.rounds.flatMap((round) =>
      round.sessions.map((s) => {
        const mine = rows.filter((r) => r.workshop_id === s.id);
        // In a dialogue each name has its role beside it, and its group once the groups are made.
        const named = (r: (typeof mine)[number]) => (r.role ? `${r.display_name ?? ''} (${r.role})` : (r.display_name ?? ''));
        const names = (status: string) => mine.filter((r) => r.status === status).map(named);
        const numbers = [...new Set(mine.flatMap((r) => (r.group_number === null ? [] : [r.group_number])))].sort((a, b) => a - b);
        // A group short of a role (people left, or too few of a role came) is said to the organiser.
        const groups = numbers.map((n) => {
          const members = mine.filter((r) => r.group_number === n && r.status === 'aangemeld');
          const short = programme.mix ? programme.mix.roles.some((role) => members.filter((r) => r.role === role).length < Math.ceil((members.length * programme.mix!.minPercent) / 100)) : false;
          return { number: n, names: members.map(named), short };
        });
        return { round: round.round, session: s, registered: names('aangemeld'), waiting: names('wachtlijst'), ...(groups.length > 0 ? { groups } : {}) };
      }),
    );
  }

  async groupMembers(sessionId: string, group: number, except: string): Promise<string[]> {
    const { rows } = await this.db.query<{ display_name: string | null }>(
      `SELECT display_name FROM registrations WHERE workshop_id = $1 AND group_number = $2 AND status = 'aangemeld' AND aad_object_id <> $3 ORDER BY queue_order`,
      [sessionId, group, except],
    );
    return rows.map((r) => r.display_name ?? '');
  }

  async seatHolders(id: string): Promise<Array<{ aadObjectId: string; sessions: string[] }>> {
    const { rows } = await this.db.query<{ aad_object_id: string; sessions: string[] }>(
      `SELECT r.aad_object_id, array_agg(r.workshop_id::text) AS sessions FROM registrations r JOIN workshops w ON w.id = r.workshop_id
       WHERE w.programme_id = $1 AND r.status = 'aangemeld' GROUP BY r.aad_object_id`,
      [id],
    );
    return rows.map((r) => ({ aadObjectId: r.aad_object_id, sessions: r.sessions }));
  }

  cancel(id: string, organiserAad: string, cardVersion: number, now: Date, notices: (involved: Person[], version: number) => NoticeRequest[]): Promise<ProgrammeCancelResult> {
    return this.db.transaction(async (tx) => {
      const p = await lockProgramme(tx, id);
      if (!p) return 'onbekend';
      if (p.organiser_aad_object_id !== organiserAad) return 'niet-organisator';
      if (p.status === 'geannuleerd') return 'al-geannuleerd';
      if (programmeClosed(p, now)) return 'gesloten';
      if (p.version !== cardVersion) return 'verouderd';
      await tx.query(`UPDATE programmes SET status = 'geannuleerd', version = version + 1 WHERE id = $1`, [id]);
      const sessions = await tx.query<{ id: string }>(
        `UPDATE workshops SET status = 'geannuleerd', version = version + 1 WHERE programme_id = $1 RETURNING id`,
        [id],
      );
      const ids = sessions.rows.map((s) => s.id);
      await tx.query(`UPDATE workshop_jobs SET done_at = now() WHERE workshop_id = ANY($1::uuid[]) AND done_at IS NULL`, [ids]);
      const involved = await tx.query<{ aad_object_id: string; user_id: string }>(
        `SELECT DISTINCT ON (aad_object_id) aad_object_id, user_id FROM registrations WHERE workshop_id = ANY($1::uuid[])`,
        [ids],
      );
      const people = involved.rows.map((r) => ({ aadObjectId: r.aad_object_id, userId: r.user_id }));
      await enqueueNotices(tx, ids[0]!, [...notices(people, p.version + 1), programmeInvitationUpdate(id)]);
      return 'geannuleerd';
    });
  }
}

/** The shared card of a programme, updated for everyone; queued on its first session (the outbox names workshops). */
export function programmeInvitationUpdate(programmeId: string): NoticeRequest {
  return { notice: 'invitation-update', recipient: { kind: 'channel' }, idempotencyKey: `invitation-update:programme:${programmeId}` };
}

type LockedProgramme = { status: Programme['status']; version: number; startsAt: Date; organiser_aad_object_id: string | null; roles: string[] };

/** Serialises every choice in one programme, as lockWorkshop does for a workshop (NO KEY UPDATE, for the same reason). */
async function lockProgramme(tx: Queryable, id: string): Promise<LockedProgramme | undefined> {
  const { rows } = await tx.query<{ status: Programme['status']; version: number; starts_at: Date | string; organiser_aad_object_id: string | null; mix_roles: string[] | null }>(
    'SELECT status, version, starts_at, organiser_aad_object_id, mix_roles FROM programmes WHERE id = $1 FOR NO KEY UPDATE',
    [id],
  );
  const r = rows[0];
  return r && { status: r.status, version: r.version, startsAt: new Date(r.starts_at), organiser_aad_object_id: r.organiser_aad_object_id, roles: r.mix_roles ?? [] };
}

async function choicesIn(q: Queryable, id: string, aadObjectId: string): Promise<MyChoices> {
  const { rows } = await q.query<{ workshop_id: string; round: number; status: 'aangemeld' | 'wachtlijst'; role: string | null; group_number: number | null }>(
    `SELECT r.workshop_id, w.round, r.status, r.role, r.group_number FROM registrations r JOIN workshops w ON w.id = r.workshop_id
     WHERE w.programme_id = $1 AND r.aad_object_id = $2`,
    [id, aadObjectId],
  );
  const out: MyChoices = new Map();
  for (const r of rows) {
    const position = r.status === 'wachtlijst' ? await waitingPosition(q, r.workshop_id, aadObjectId) : undefined;
    out.set(r.round, {
      sessionId: r.workshop_id,
      status: r.status,
      ...(position !== undefined ? { position } : {}),
      ...(r.role ? { role: r.role } : {}),
      ...(r.group_number !== null ? { group: r.group_number } : {}),
    });
  }
  return out;
}

async function findProgramme(q: Queryable, id: string): Promise<Programme | undefined> {
  const { rows } = await q.query<ProgrammeRow>('SELECT * FROM programmes WHERE id = $1', [id]);
  const r = rows[0];
  if (!r) return undefined;
  const sessions = await q.query<SessionRow>(
    `SELECT w.id, w.round, w.starts_at, w.ends_at, w.title, w.host, w.room, w.seats, w.mixed,
       (SELECT count(*)::int FROM registrations x WHERE x.workshop_id = w.id AND x.status = 'aangemeld') AS registered,
       (SELECT count(*)::int FROM registrations x WHERE x.workshop_id = w.id AND x.status = 'wachtlijst') AS waiting
     FROM workshops w WHERE w.programme_id = $1 ORDER BY w.round, w.session_number`,
    [id],
  );
  const rounds: Programme['rounds'] = [];
  for (const s of sessions.rows) {
    let round = rounds.find((x) => x.round === s.round);
    if (!round) rounds.push((round = { round: s.round, startsAt: new Date(s.starts_at), endsAt: new Date(s.ends_at), sessions: [] }));
    const session: ProgrammeSession = { id: s.id, title: s.title, seats: s.seats, registered: s.registered, waiting: s.waiting, mixed: s.mixed };
    if (s.host) session.host = s.host;
    if (s.room) session.room = s.room;
    round.sessions.push(session);
  }
  const location: WorkshopLocation = r.location_kind === 'online' ? { kind: 'online', url: r.location } : { kind: 'place', text: r.location };
  return {
    id: r.id,
    organiser: { aadObjectId: r.organiser_aad_object_id ?? '', userId: r.organiser_user_id ?? '' },
    tenantId: r.tenant_id ?? undefined,
    serviceUrl: r.service_url,
    channelConversationId: r.channel_conversation_id ?? undefined,
    invitationActivityId: r.invitation_activity_id ?? undefined,
    rijksbreed: r.rijksbreed,
    title: r.title,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    location,
    audiences: r.audiences,
    language: r.language,
    ...(r.plenary_title && r.plenary_starts_at && r.plenary_ends_at
      ? { plenary: { title: r.plenary_title, startsAt: new Date(r.plenary_starts_at), endsAt: new Date(r.plenary_ends_at) } }
      : {}),
    status: r.status,
    version: r.version,
    ...(r.mix_roles && r.group_size && r.mix_min_percent && r.groups_announce_hours
      ? { mix: { roles: r.mix_roles, groupSize: r.group_size, minPercent: r.mix_min_percent, announceHours: r.groups_announce_hours } }
      : {}),
    rounds,
  };
}
