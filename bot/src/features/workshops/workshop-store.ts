import { putEnvelope, type SealedEnvelope } from '../signals';
import type { NoticeRequest } from './notices';
import type { WorkshopLocation } from './planning';
import type { DuoMember, MyStatus, Person, Workshop } from './workshop';
import type {
  AnswerResult,
  ChangeNotices,
  CompleteDuo,
  ChangeResult,
  DuoAnswer,
  NewWorkshopRecord,
  PoolMember,
  RegisterResult,
  SeenByPerson,
  SeriesEntry,
  UnregisterResult,
  WorkshopStore,
} from './workshop-service';
import type { Database, Queryable } from '../../platform/database/database';
import { decideRegistrations, isClosed, placeFor, promoted as promotedFrom, type RegistrationAsk, registrationRefusal } from './seats';
import { BatchedCallsByKey } from '../../platform/database/batched-calls';
import { type MixRule, mixedPlace, mixedPromoted } from './mixed-groups';
import { enqueueNotices } from './workshop-notices-outbox';

/** The invitation of a repeat while its message is being posted. */
const POSTING = 'posting';

type WorkshopRow = {
  id: string;
  organiser_aad_object_id: string | null;
  organiser_user_id: string | null;
  tenant_id: string | null;
  service_url: string;
  channel_conversation_id: string | null;
  invitation_activity_id: string | null;
  organisation: string | null;
  rijksbreed: boolean;
  starts_at: Date | string;
  ends_at: Date | string;
  location_kind: 'online' | 'place';
  location: string;
  audience: Workshop['audience'];
  seats: number;
  language: Workshop['language'];
  note_sealed: string | null;
  status: Workshop['status'];
  version: number;
  registered: number;
  waiting: number;
  duo: DuoMember[];
  programme_id: string | null;
  series_id: string | null;
  round: number | null;
  title: string | null;
  host: string | null;
  room: string | null;
};

const WORKSHOP_SELECT = `
  SELECT w.*, @extra
    (SELECT count(*)::int FROM registrations r WHERE r.workshop_id = w.id AND r.status = 'aangemeld') AS registered,
    (SELECT count(*)::int FROM registrations r WHERE r.workshop_id = w.id AND r.status = 'wachtlijst') AS waiting,
    COALESCE((SELECT json_agg(json_build_object('facilitatorId', f.id, 'displayName', f.display_name, 'organisation', f.organisation,
        'experience', f.experience, 'status', x.status, 'aadObjectId', f.aad_object_id) ORDER BY x.asked_at, f.id)
      FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id
      WHERE x.workshop_id = w.id AND x.status IN ('gevraagd', 'geaccepteerd')), '[]') AS duo
  FROM workshops w`;
const selectWorkshops = (extraColumns = '') => WORKSHOP_SELECT.replace('@extra', extraColumns ? `${extraColumns},` : '');

function toWorkshop(r: WorkshopRow): Workshop {
  const location: WorkshopLocation = r.location_kind === 'online' ? { kind: 'online', url: r.location } : { kind: 'place', text: r.location };
  const duo = r.duo as Array<DuoMember & { aadObjectId: string | null }>;
  return {
    id: r.id,
    // Empty after retention forgot the organiser: nobody matches an empty id.
    organiser: { aadObjectId: r.organiser_aad_object_id ?? '', userId: r.organiser_user_id ?? '' },
    tenantId: r.tenant_id ?? undefined,
    serviceUrl: r.service_url,
    channelConversationId: r.channel_conversation_id ?? undefined,
    invitationActivityId: r.invitation_activity_id && r.invitation_activity_id !== POSTING ? r.invitation_activity_id : undefined,
    organisation: r.organisation ?? undefined,
    rijksbreed: r.rijksbreed,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    location,
    audience: r.audience,
    seats: r.seats,
    language: r.language,
    status: r.status,
    version: r.version,
    registered: r.registered,
    waiting: r.waiting,
    duo: duo.map((m) => ({ ...m, aadObjectId: m.aadObjectId ?? undefined })),
    ...(r.series_id ? { seriesId: r.series_id } : {}),
    ...(r.programme_id && r.round !== null
      ? { session: { programmeId: r.programme_id, round: r.round, title: r.title ?? '', host: r.host ?? undefined, room: r.room ?? undefined } }
      : {}),
  };
}

/** A registration from the workshop's card, as it waits to be decided with the others for the same workshop. */
type CardRegistration = { person: Person; cardVersion: number | undefined; now: Date; notices: NoticeRequest[] };

/** What became of one registration of a batch: refused by the database, or committed (with its card's read to come). */
type BatchedRegistration = { error: unknown } | { committed: Promise<RegisterResult> };

/** The database refused the data (SQLSTATE class 22, e.g. a NUL in a name) or a constraint (class 23). */
const refusedData = (error: unknown): boolean => /^2[23]/.test(String((error as { code?: unknown }).code ?? ''));

/** Workshops in PostgreSQL. Every decision about seats takes the workshop's row lock first. */
export class DatabaseWorkshopStore implements WorkshopStore {
  /**
   * Registrations for one workshop that arrive together are decided in one transaction: the workshop's lock lets
   * one decision through at a time, so under load each would wait for the others' statements one by one.
   */
  private readonly registrations = new BatchedCallsByKey<CardRegistration, BatchedRegistration>((id, asks) => this.registerTogether(id, asks));

  constructor(
    private readonly db: Database,
    private readonly openSealedNote: (sealed: string, workshopId: string) => string,
  ) {}

  create(r: NewWorkshopRecord, propose: (pool: PoolMember[]) => PoolMember[], duoNotices: (duo: PoolMember[]) => NoticeRequest[], now: Date): Promise<string> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO workshops (id, organiser_aad_object_id, organiser_user_id, tenant_id, service_url, channel_conversation_id,
           organisation, rijksbreed, starts_at, ends_at, location_kind, location, audience, seats, language, note_sealed,
           plan_form_id, invitation_activity_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
         ON CONFLICT (plan_form_id) DO NOTHING`,
        [
          r.id,
          r.organiser.aadObjectId,
          r.organiser.userId,
          r.home.tenantId ?? null,
          r.home.serviceUrl,
          r.home.channelConversationId ?? null,
          r.home.organisation ?? null,
          r.home.rijksbreed,
          r.plan.startsAt.toISOString(),
          r.plan.endsAt.toISOString(),
          r.plan.location.kind,
          r.plan.location.kind === 'online' ? r.plan.location.url : r.plan.location.text,
          r.plan.audience,
          r.plan.seats,
          r.plan.language,
          r.noteSealed ?? null,
          r.formId,
          r.home.invitationActivityId ?? null,
        ],
      );
      if (inserted.rowCount === 0) {
        const { rows } = await tx.query<{ id: string }>('SELECT id FROM workshops WHERE plan_form_id = $1', [r.formId]);
        return rows[0]!.id;
      }
      if (r.seriesOf) {
        // Only the organiser of the earlier workshop continues its series (the flow checked it; this keeps it so).
        const series = await tx.query<{ series_id: string }>(
          `UPDATE workshops SET series_id = COALESCE(series_id, id) WHERE id = $1 AND organiser_aad_object_id = $2 AND programme_id IS NULL RETURNING series_id`,
          [r.seriesOf, r.organiser.aadObjectId],
        );
        if (series.rows[0]) await tx.query('UPDATE workshops SET series_id = $2 WHERE id = $1', [r.id, series.rows[0].series_id]);
      }
      const duo = propose(await lockedPool(tx, r.plan.startsAt, r.plan.endsAt, now, r.id));
      for (const f of duo) {
        await tx.query(`INSERT INTO workshop_assignments (workshop_id, facilitator_id, status) VALUES ($1, $2, 'gevraagd')`, [r.id, f.id]);
      }
      await scheduleJobs(tx, r.id, r.jobs);
      await enqueueNotices(tx, r.id, [...r.notices, ...duoNotices(duo)]);
      return r.id;
    });
  }

  async find(id: string): Promise<Workshop | undefined> {
    return findIn(this.db, id);
  }

  async openNote(workshop: Workshop): Promise<string | undefined> {
    const { rows } = await this.db.query<{ note_sealed: string | null }>('SELECT note_sealed FROM workshops WHERE id = $1', [workshop.id]);
    const sealed = rows[0]?.note_sealed;
    return sealed ? this.openSealedNote(sealed, workshop.id) : undefined;
  }

  async register(id: string, person: Person, cardVersion: number | undefined, now: Date, notices: NoticeRequest[]): Promise<RegisterResult> {
    // One workshop, one queue, however its id is written.
    const done = await this.registrations.call(id.toLowerCase(), { person, cardVersion, now, notices });
    if ('error' in done) throw done.error;
    return done.committed;
  }

  /**
   * One transaction for the batch. Data the database refuses (one person's name, say) fails that person only: the
   * batch is rolled back and each is decided again on their own, in the same order. The cards' workshop is read
   * after the commit, outside this workshop's chain of batches, so the next batch does not wait for that read.
   */
  private async registerTogether(id: string, asks: CardRegistration[]): Promise<BatchedRegistration[]> {
    let results: RegisterResult[];
    try {
      results = await this.db.transaction((tx) => registerTogetherIn(tx, id, asks));
    } catch (error) {
      if (asks.length === 1 || !refusedData(error)) throw error;
      const alone: BatchedRegistration[] = [];
      for (const ask of asks) alone.push(...(await this.registerTogether(id, [ask]).catch((e: unknown) => [{ error: e }])));
      return alone;
    }
    const seen = withSeen(this.db, id, asks.map((a) => a.person), results);
    return results.map((_, i) => ({ committed: seen.then((all) => all[i]!) }));
  }

  async unregister(id: string, person: Person, now: Date, promotedNotice: (p: Person) => NoticeRequest, notices: NoticeRequest[]): Promise<UnregisterResult> {
    const result = await this.db.transaction((tx) => unregisterIn(tx, id, person, now, promotedNotice, notices));
    return (await withSeen(this.db, id, [person], [result]))[0]!;
  }

  async statusOf(id: string, aadObjectId: string): Promise<MyStatus> {
    return statusIn(this.db, id, aadObjectId);
  }

  async participants(id: string): Promise<Person[]> {
    const { rows } = await this.db.query<{ aad_object_id: string; user_id: string }>(
      `SELECT aad_object_id, user_id FROM registrations WHERE workshop_id = $1 AND status = 'aangemeld' ORDER BY queue_order`,
      [id],
    );
    return rows.map((r) => ({ aadObjectId: r.aad_object_id, userId: r.user_id }));
  }

  answer(
    id: string,
    facilitatorId: string,
    answer: DuoAnswer,
    complete: CompleteDuo,
    notices: (workshop: Workshop, outcome: AnswerResult) => NoticeRequest[],
    now: Date,
  ): Promise<AnswerResult> {
    return this.db.transaction(async (tx) => {
      const w = await lockWorkshop(tx, id);
      if (!w) return { outcome: 'onbekend' };
      const asked = await tx.query<{ status: string }>('SELECT status FROM workshop_assignments WHERE workshop_id = $1 AND facilitator_id = $2', [
        id,
        facilitatorId,
      ]);
      if (!asked.rows[0]) return { outcome: 'onbekend' };
      const closed = isClosed(w, now);
      const becomes = { accept: 'geaccepteerd', decline: 'afgewezen', expire: 'verlopen' }[answer];
      // The same answer again (a double click, the card and the tab both): answered as the first time, nothing queued twice.
      if (asked.rows[0].status === becomes && !closed && answer !== 'expire') {
        return answer === 'decline' ? { outcome: 'nieuw-voorstel', next: [] } : { outcome: w.status === 'bevestigd' ? 'bevestigd' : 'wacht-op-ander' };
      }
      if (asked.rows[0].status !== 'gevraagd' || closed) return { outcome: 'al-beantwoord' };
      await tx.query('UPDATE workshop_assignments SET status = $3, answered_at = now() WHERE workshop_id = $1 AND facilitator_id = $2', [
        id,
        facilitatorId,
        becomes,
      ]);
      let result: AnswerResult;
      if (answer === 'accept') {
        const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM workshop_assignments WHERE workshop_id = $1 AND status = 'geaccepteerd'`, [id]);
        if (rows[0]!.n >= 2) {
          await tx.query(`UPDATE workshops SET status = 'bevestigd' WHERE id = $1`, [id]);
          result = { outcome: 'bevestigd' };
        } else {
          result = { outcome: 'wacht-op-ander' };
        }
      } else {
        result = { outcome: 'nieuw-voorstel', next: (await askMissing(tx, id, now, complete)).map((f) => f.id) };
      }
      const workshop = (await findIn(tx, id))!;
      await enqueueNotices(tx, id, notices(workshop, result));
      return result;
    });
  }

  async unansweredSince(askedBefore: Date): Promise<Array<{ workshopId: string; facilitatorId: string }>> {
    const { rows } = await this.db.query<{ workshop_id: string; facilitator_id: string }>(
      `SELECT x.workshop_id, x.facilitator_id FROM workshop_assignments x JOIN workshops w ON w.id = x.workshop_id
       WHERE x.status = 'gevraagd' AND x.asked_at < $1 AND w.status <> 'geannuleerd' AND w.starts_at > now()`,
      [askedBefore.toISOString()],
    );
    return rows.map((r) => ({ workshopId: r.workshop_id, facilitatorId: r.facilitator_id }));
  }

  move(
    id: string,
    organiserAad: string,
    cardVersion: number,
    plan: NewWorkshopRecord['plan'],
    jobs: NewWorkshopRecord['jobs'],
    notices: ChangeNotices,
    promotedNotice: (p: Person) => NoticeRequest,
    duo: { complete: CompleteDuo; notices: (asked: PoolMember[]) => NoticeRequest[] },
    now: Date,
  ): Promise<ChangeResult> {
    const repeated = async (tx: Queryable, w: LockedWorkshop): Promise<ChangeResult | undefined> =>
      w.status !== 'geannuleerd' && w.version === cardVersion + 1 && (await samePlan(tx, id, plan)) ? { outcome: 'al-gewijzigd' } : undefined;
    return this.change(id, organiserAad, cardVersion, now, notices, repeated, async (tx) => {
      const registered = await registeredIn(tx, id);
      if (plan.seats < registered) return { outcome: 'te-weinig-plaatsen', registered };
      await tx.query(
        `UPDATE workshops SET starts_at = $2, ends_at = $3, location_kind = $4, location = $5, audience = $6, seats = $7, language = $8,
           version = version + 1 WHERE id = $1`,
        [id, ...planValues(plan)],
      );
      await scheduleJobs(tx, id, jobs);
      // A reminder the new time leaves no room for (its moment has passed) is dropped, not sent late.
      await tx.query(`UPDATE workshop_jobs SET done_at = now() WHERE workshop_id = $1 AND done_at IS NULL AND NOT (kind = ANY($2::text[]))`, [
        id,
        jobs.map((j) => j.kind),
      ]);
      await enqueueNotices(tx, id, (await promote(tx, id, plan.seats - registered)).map(promotedNotice));
      await enqueueNotices(tx, id, duo.notices(await askMissing(tx, id, now, duo.complete)));
      return { outcome: 'gewijzigd' };
    });
  }

  cancel(id: string, organiserAad: string, cardVersion: number, notices: ChangeNotices, now: Date): Promise<ChangeResult> {
    const repeated = async (_tx: Queryable, w: LockedWorkshop): Promise<ChangeResult | undefined> => (w.status === 'geannuleerd' ? { outcome: 'al-geannuleerd' } : undefined);
    return this.change(id, organiserAad, cardVersion, now, notices, repeated, async (tx) => {
      await tx.query(`UPDATE workshops SET status = 'geannuleerd', version = version + 1 WHERE id = $1`, [id]);
      await tx.query(`UPDATE workshop_jobs SET done_at = now() WHERE workshop_id = $1 AND done_at IS NULL`, [id]);
      await tx.query(`UPDATE workshop_assignments SET status = 'vervallen' WHERE workshop_id = $1 AND status = 'gevraagd'`, [id]);
      return { outcome: 'geannuleerd' };
    });
  }

  /**
   * A change by the organiser: only theirs, only on the card they saw, only before the start. `repeated` knows
   * the same change done before (the card they saw is one version older), answered without doing it again.
   */
  private change(
    id: string,
    organiserAad: string,
    cardVersion: number,
    now: Date,
    notices: ChangeNotices,
    repeated: (tx: Queryable, w: LockedWorkshop) => Promise<ChangeResult | undefined>,
    apply: (tx: Queryable) => Promise<ChangeResult>,
  ): Promise<ChangeResult> {
    return this.db.transaction(async (tx) => {
      const w = await lockWorkshop(tx, id);
      if (!w || w.isSession) return { outcome: 'onbekend' };
      if (w.organiser_aad_object_id !== organiserAad) return { outcome: 'niet-organisator' };
      const again = await repeated(tx, w);
      if (again) return again;
      if (isClosed(w, now)) return { outcome: 'gesloten' };
      if (w.version !== cardVersion) return { outcome: 'verouderd' };
      const result = await apply(tx);
      if (result.outcome !== 'gewijzigd' && result.outcome !== 'geannuleerd') return result;
      const workshop = (await findIn(tx, id))!;
      const involved = await tx.query<{ aad_object_id: string; user_id: string | null }>(
        `SELECT aad_object_id, user_id FROM registrations WHERE workshop_id = $1
         UNION SELECT f.aad_object_id, NULL FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id
           WHERE x.workshop_id = $1 AND x.status IN ('gevraagd', 'geaccepteerd') AND f.aad_object_id IS NOT NULL`,
        [id],
      );
      await enqueueNotices(tx, id, notices(workshop, involved.rows.map((r) => ({ aadObjectId: r.aad_object_id, userId: r.user_id ?? undefined }))));
      return result;
    });
  }

  async openRijksbreed(now: Date, limit: number): Promise<Workshop[]> {
    const { rows } = await this.db.query<WorkshopRow>(
      // Without a duo nobody can register (lacksDuo): such a workshop is not offered.
      `${selectWorkshops()} WHERE w.rijksbreed AND w.status <> 'geannuleerd' AND w.starts_at > $1
         AND (w.status = 'bevestigd' OR (SELECT count(*) FROM workshop_assignments x WHERE x.workshop_id = w.id AND x.status IN ('gevraagd', 'geaccepteerd')) >= 2)
       ORDER BY w.starts_at LIMIT $2`,
      [now.toISOString(), limit],
    );
    return rows.map(toWorkshop);
  }

  async mine(aadObjectId: string, now: Date): Promise<Array<{ workshop: Workshop; status: MyStatus }>> {
    const { rows } = await this.db.query<WorkshopRow & { my_status: string }>(
      `${selectWorkshops('me.status AS my_status')} JOIN registrations me ON me.workshop_id = w.id AND me.aad_object_id = $1
       WHERE w.status <> 'geannuleerd' AND w.ends_at > $2 ORDER BY w.starts_at`,
      [aadObjectId, now.toISOString()],
    );
    const out: Array<{ workshop: Workshop; status: MyStatus }> = [];
    for (const r of rows) {
      const status: MyStatus = r.my_status === 'aangemeld' ? { status: 'aangemeld' } : { status: 'wachtlijst', position: await waitingPosition(this.db, r.id, aadObjectId) };
      out.push({ workshop: toWorkshop(r), status });
    }
    return out;
  }

  async evaluate(id: string, aadObjectId: string, envelope: SealedEnvelope): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const first = await tx.query(
        `UPDATE registrations SET evaluated = true WHERE workshop_id = $1 AND aad_object_id = $2 AND status = 'aangemeld' AND NOT evaluated`,
        [id, aadObjectId],
      );
      if (first.rowCount === 0) return false;
      await putEnvelope(tx, envelope);
      return true;
    });
  }

  async isFacilitator(id: string, aadObjectId: string): Promise<boolean> {
    const { rows } = await this.db.query(
      `SELECT 1 FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id
       WHERE x.workshop_id = $1 AND x.status = 'geaccepteerd' AND f.aad_object_id = $2`,
      [id, aadObjectId],
    );
    return rows.length > 0;
  }

  async wasAsked(id: string, facilitatorId: string, aadObjectId: string): Promise<boolean> {
    const { rows } = await this.db.query(
      `SELECT 1 FROM workshop_assignments x JOIN facilitators f ON f.id = x.facilitator_id WHERE x.workshop_id = $1 AND x.facilitator_id = $2 AND f.aad_object_id = $3`,
      [id, facilitatorId, aadObjectId],
    );
    return rows.length > 0;
  }

  async claimInvitation(id: string): Promise<boolean> {
    // A placeholder no Teams id looks like: the deliverer leaves a workshop without a real one alone.
    const { rowCount } = await this.db.query(`UPDATE workshops SET invitation_activity_id = '${POSTING}' WHERE id = $1 AND invitation_activity_id IS NULL`, [id]);
    return rowCount > 0;
  }

  async setInvitation(id: string, activityId: string | null): Promise<void> {
    await this.db.query(`UPDATE workshops SET invitation_activity_id = $2 WHERE id = $1 AND invitation_activity_id = '${POSTING}'`, [id, activityId]);
  }

  async series(seriesId: string): Promise<SeriesEntry[]> {
    const { rows } = await this.db.query<WorkshopRow & { kept: number | null; evaluations: number; rating_sum: number }>(
      `${selectWorkshops(`w.participants_kept AS kept,
         (SELECT count(*)::int FROM workshop_evaluations e WHERE e.workshop_id = w.id) AS evaluations,
         (SELECT COALESCE(sum(e.rating), 0)::int FROM workshop_evaluations e WHERE e.workshop_id = w.id) AS rating_sum`)}
       WHERE w.series_id = $1 ORDER BY w.starts_at`,
      [seriesId],
    );
    return rows.map((r) => ({ workshop: toWorkshop(r), participants: r.kept ?? r.registered, evaluations: r.evaluations, ratingSum: r.rating_sum }));
  }

  async enqueue(id: string, notices: NoticeRequest[]): Promise<void> {
    await this.db.transaction((tx) => enqueueNotices(tx, id, notices));
  }
}

/**
 * Serialises every decision about one workshop. NO KEY UPDATE: it still lets other transactions insert rows
 * that point at the workshop (outbox, jobs), which take a key-share lock, so a reminder round and a change
 * by the organiser cannot deadlock.
 */
async function lockWorkshop(tx: Queryable, id: string): Promise<LockedWorkshop | undefined> {
  const { rows } = await tx.query<{
    status: string;
    version: number;
    seats: number;
    starts_at: Date | string;
    organiser_aad_object_id: string;
    programme_id: string | null;
    mixed: boolean;
    groups_made: boolean;
  }>(
    `SELECT status, version, seats, starts_at, organiser_aad_object_id, programme_id, mixed,
       -- Asked only of a dialogue: every registration takes this lock, and a plain workshop has no groups.
       CASE WHEN mixed THEN EXISTS (SELECT 1 FROM workshop_jobs j WHERE j.workshop_id = workshops.id AND j.kind = 'groups' AND j.done_at IS NOT NULL)
         ELSE false END AS groups_made
     FROM workshops WHERE id = $1 FOR NO KEY UPDATE`,
    [id],
  );
  const r = rows[0];
  return (
    r && {
      status: r.status,
      version: r.version,
      seats: r.seats,
      startsAt: new Date(r.starts_at),
      organiser_aad_object_id: r.organiser_aad_object_id,
      isSession: r.programme_id !== null,
      mixedOf: r.mixed ? r.programme_id ?? undefined : undefined,
      groupsMade: r.groups_made,
    }
  );
}

/** `isSession`: a session of a programme, which is joined, left and changed only through its programme (one per round). */
type LockedWorkshop = {
  status: string;
  version: number;
  seats: number;
  startsAt: Date;
  organiser_aad_object_id: string;
  isSession: boolean;
  /** A dialogue in mixed groups: the programme whose mix rule gives its seats. */
  mixedOf?: string;
  /** A dialogue whose groups were made: nobody joins any more, and a seat given up stays empty. */
  groupsMade: boolean;
};

/** The registrations that hold a seat. */
async function registeredIn(q: Queryable, id: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM registrations WHERE workshop_id = $1 AND status = 'aangemeld'`, [id]);
  return rows[0]!.n;
}

/**
 * Gives `free` seats to the waiting list, by the domain's rule (seats.ts), and says who moved up. Called with the
 * workshop's row locked: nobody registers or leaves in between.
 */
async function promote(tx: Queryable, id: string, free: number, w?: LockedWorkshop): Promise<Person[]> {
  if (free <= 0) return [];
  const { rows } = await tx.query<{ aad_object_id: string; user_id: string; queue_order: string; role: string | null }>(
    `SELECT aad_object_id, user_id, queue_order, role FROM registrations WHERE workshop_id = $1 AND status = 'wachtlijst'`,
    [id],
  );
  const waiting = rows.map((r) => ({ ...r, queueOrder: BigInt(r.queue_order), role: r.role ?? '' }));
  // A dialogue's seats go by its mix: the first on the list whose role still fits; once its groups are made, nobody.
  if (w?.mixedOf && w.groupsMade) return [];
  const rule = w?.mixedOf ? await mixRuleOf(tx, w.mixedOf) : undefined;
  const up = rule && w ? mixedPromoted(waiting, await seatedByRole(tx, id), w.seats, rule) : promotedFrom(waiting, free);
  if (up.length === 0) return [];
  await tx.query(`UPDATE registrations SET status = 'aangemeld' WHERE workshop_id = $1 AND aad_object_id = ANY($2::text[])`, [id, up.map((r) => r.aad_object_id)]);
  return up.map((r) => ({ aadObjectId: r.aad_object_id, userId: r.user_id }));
}

/** The mix rule of a programme whose session is a dialogue in mixed groups. */
async function mixRuleOf(q: Queryable, programmeId: string): Promise<MixRule | undefined> {
  const { rows } = await q.query<{ mix_roles: string[] | null; group_size: number | null; mix_min_percent: number | null }>(
    'SELECT mix_roles, group_size, mix_min_percent FROM programmes WHERE id = $1',
    [programmeId],
  );
  const r = rows[0];
  return r?.mix_roles && r.group_size && r.mix_min_percent ? { roles: r.mix_roles, groupSize: r.group_size, minPercent: r.mix_min_percent } : undefined;
}

/** How many of each role hold a seat in a dialogue. */
async function seatedByRole(q: Queryable, id: string): Promise<Map<string, number>> {
  const { rows } = await q.query<{ role: string; n: number }>(
    `SELECT role, count(*)::int AS n FROM registrations WHERE workshop_id = $1 AND status = 'aangemeld' AND role IS NOT NULL GROUP BY role`,
    [id],
  );
  return new Map(rows.map((r) => [r.role, r.n]));
}

/** What registrations decide by, read in one statement once the workshop is locked. */
type RegistrationFacts = {
  /** Facilitators asked or accepted: fewer than two on a planned workshop means no duo could be found (lacksDuo). */
  duoSize: number;
  /** The registrations that hold a seat, and those that wait. */
  registered: number;
  waiting: number;
  /** The registrations the people asked about have already, with the place of those who wait. */
  existing: Map<string, NonNullable<RegistrationAsk['mine']>>;
};

async function registrationFacts(tx: Queryable, id: string, aadObjectIds: string[]): Promise<RegistrationFacts> {
  const { rows } = await tx.query<{ duo_size: number; registered: number; waiting: number; mine: Array<{ who: string; status: string; position: number }> }>(
    `SELECT (SELECT count(*)::int FROM workshop_assignments WHERE workshop_id = $1 AND status IN ('gevraagd', 'geaccepteerd')) AS duo_size,
       (SELECT count(*)::int FROM registrations WHERE workshop_id = $1 AND status = 'aangemeld') AS registered,
       (SELECT count(*)::int FROM registrations WHERE workshop_id = $1 AND status = 'wachtlijst') AS waiting,
       -- A place on the waiting list by waitingPosition's rule: those who wait, up to and including this person.
       COALESCE((SELECT json_agg(json_build_object('who', r.aad_object_id, 'status', r.status, 'position',
           (SELECT count(*)::int FROM registrations o WHERE o.workshop_id = $1 AND o.status = 'wachtlijst' AND o.queue_order <= r.queue_order)))
         FROM registrations r WHERE r.workshop_id = $1 AND r.aad_object_id = ANY($2::text[])), '[]') AS mine`,
    [id, aadObjectIds],
  );
  const r = rows[0]!;
  const existing = new Map(
    r.mine.map((m): [string, NonNullable<RegistrationAsk['mine']>] => [m.who, m.status === 'aangemeld' ? { status: 'aangemeld' } : { status: 'wachtlijst', position: m.position }]),
  );
  return { duoSize: r.duo_size, registered: r.registered, waiting: r.waiting, existing };
}

/**
 * Registrations from the workshop's card for one workshop, decided together with the workshop locked: one lock,
 * one read, one insert and one notice for all of them (one by one, each took all four).
 */
async function registerTogetherIn(tx: Queryable, id: string, asks: readonly CardRegistration[]): Promise<RegisterResult[]> {
  const w = await lockWorkshop(tx, id);
  // A session is chosen through its programme (registerForSessionIn), which holds one per round; from a card it is not offered.
  if (!w || w.isSession) return asks.map(() => ({ outcome: 'onbekend' }));
  // Read after the lock, in a statement of their own: a statement's snapshot is taken when it starts, so counts
  // read with the lock's own statement could miss a registration committed while it waited.
  const facts = await registrationFacts(tx, id, [...new Set(asks.map((a) => a.person.aadObjectId))]);
  const decisions = decideRegistrations(
    { ...w, duoSize: w.status === 'gepland' ? facts.duoSize : 2, registered: facts.registered, waiting: facts.waiting },
    asks.map((a) => ({ who: a.person.aadObjectId, cardVersion: a.cardVersion, now: a.now, mine: facts.existing.get(a.person.aadObjectId) })),
  );
  const joining = asks.flatMap((a, i) => {
    const d = decisions[i]!;
    return d.outcome === 'aangemeld' || d.outcome === 'wachtlijst' ? [{ ...a, status: d.outcome }] : [];
  });
  if (joining.length > 0) {
    // In the order they were decided: queue_order comes from a sequence as the rows are inserted, so the waiting
    // list keeps the positions just given.
    await tx.query(
      `INSERT INTO registrations (workshop_id, aad_object_id, user_id, status, display_name)
       SELECT $1, t.who, t.user_id, t.status, t.display_name
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(who, user_id, status, display_name, n) ORDER BY t.n`,
      [id, joining.map((j) => j.person.aadObjectId), joining.map((j) => j.person.userId), joining.map((j) => j.status), joining.map((j) => j.person.name ?? null)],
    );
    // The same notice asked for twice in one transaction does what it does once (the invitation's update).
    await enqueueNotices(tx, id, [...new Map(joining.flatMap((j) => j.notices).map((n) => [n.idempotencyKey, n])).values()]);
  }
  return decisions;
}

/**
 * Fills the open places of the duo from the pool (locked), never asking anyone asked before for this workshop,
 * in the caller's transaction; returns who was asked.
 */
async function askMissing(tx: Queryable, id: string, now: Date, complete: CompleteDuo): Promise<PoolMember[]> {
  const workshop = (await findIn(tx, id))!;
  if (workshop.status !== 'gepland' || workshop.duo.length >= 2) return [];
  const everAsked = await tx.query<{ facilitator_id: string }>('SELECT facilitator_id FROM workshop_assignments WHERE workshop_id = $1', [id]);
  const pool = await lockedPool(tx, workshop.startsAt, workshop.endsAt, now, id);
  const asked = complete(workshop, pool, everAsked.rows.map((r) => r.facilitator_id));
  for (const f of asked) await tx.query(`INSERT INTO workshop_assignments (workshop_id, facilitator_id, status) VALUES ($1, $2, 'gevraagd')`, [id, f.id]);
  return asked;
}

/** Whether the workshop already is as `plan` says: the organiser's change arrived before. */
async function samePlan(q: Queryable, id: string, plan: NewWorkshopRecord['plan']): Promise<boolean> {
  const { rows } = await q.query<{ same: boolean }>(
    `SELECT starts_at = $2::timestamptz AND ends_at = $3::timestamptz AND location_kind = $4 AND location = $5 AND audience = $6 AND seats = $7 AND language = $8 AS same
     FROM workshops WHERE id = $1`,
    [id, ...planValues(plan)],
  );
  return rows[0]?.same === true;
}

/** What the organiser's form sets, as the workshop's columns starts_at … language take it. */
function planValues(plan: NewWorkshopRecord['plan']): unknown[] {
  return [
    plan.startsAt.toISOString(),
    plan.endsAt.toISOString(),
    plan.location.kind,
    plan.location.kind === 'online' ? plan.location.url : plan.location.text,
    plan.audience,
    plan.seats,
    plan.language,
  ];
}

/**
 * A session's registration, made through its programme (one per round), decided by the domain's seat rules with
 * the session locked. A workshop's card registers through registerTogetherIn.
 */
export async function registerForSessionIn(tx: Queryable, id: string, person: Person, now: Date, role?: string): Promise<RegisterResult> {
  const w = await lockWorkshop(tx, id);
  if (!w || !w.isSession) return { outcome: 'onbekend' };
  // Read after the lock, in a statement of their own: a statement's snapshot is taken when it starts, so counts
  // read with the lock's own statement could miss a registration committed while it waited.
  const facts = await registrationFacts(tx, id, [person.aadObjectId]);
  // A programme's card shows no session's version: it is not refused as stale.
  const refusal = registrationRefusal({ ...w, duoSize: w.status === 'gepland' ? facts.duoSize : 2 }, now, undefined);
  if (refusal) return { outcome: refusal };
  const mine = facts.existing.get(person.aadObjectId);
  if (mine?.status === 'aangemeld') return { outcome: 'al-aangemeld' };
  if (mine) return { outcome: 'al-op-wachtlijst', position: mine.position };
  // A dialogue's seat goes by the mix of roles (mixed-groups.ts); its programme checked the role is one of its own.
  const rule = w.mixedOf ? await mixRuleOf(tx, w.mixedOf) : undefined;
  if (rule && (!role || !rule.roles.includes(role))) return { outcome: 'onbekend' };
  if (rule && w.groupsMade) return { outcome: 'gesloten' };
  const place = rule && role ? mixedPlace(await seatedByRole(tx, id), role, w.seats, rule) : placeFor(facts.registered, w.seats) === 'aangemeld' ? 'aangemeld' : 'vol';
  const status = place === 'aangemeld' ? 'aangemeld' : 'wachtlijst';
  // The place on the waiting list comes back with the insert: its subquery reads the rows as they were before it,
  // so it counts those who wait ahead (waitingPosition's rule) without a statement of its own under the lock.
  const inserted = await tx.query<{ ahead: number }>(
    `INSERT INTO registrations (workshop_id, aad_object_id, user_id, status, display_name, role) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING (SELECT count(*)::int FROM registrations r WHERE r.workshop_id = $1 AND r.status = 'wachtlijst' AND r.queue_order < registrations.queue_order) AS ahead`,
    [id, person.aadObjectId, person.userId, status, person.name ?? null, rule ? role : null],
  );
  if (status === 'aangemeld') return { outcome: 'aangemeld' };
  return { outcome: 'wachtlijst', position: inserted.rows[0]!.ahead + 1, ...(place === 'mix' ? { reason: 'mix' as const } : {}) };
}

/** A cancellation: the seat it frees goes to the first who waits. */
export async function unregisterIn(tx: Queryable, id: string, person: Person, now: Date, promotedNotice: (p: Person) => NoticeRequest, notices: NoticeRequest[]): Promise<UnregisterResult> {
  const w = await lockWorkshop(tx, id);
  if (!w) return { outcome: 'onbekend' };
  if (isClosed(w, now)) return { outcome: 'gesloten' };
  const gone = await tx.query<{ status: string }>('DELETE FROM registrations WHERE workshop_id = $1 AND aad_object_id = $2 RETURNING status', [
    id,
    person.aadObjectId,
  ]);
  if (!gone.rows[0]) return { outcome: 'niet-aangemeld' };
  // A seat held is a seat freed; a place on the waiting list frees none.
  const up = gone.rows[0].status === 'aangemeld' ? await promote(tx, id, 1, w) : [];
  await enqueueNotices(tx, id, [...notices, ...up.map(promotedNotice)]);
  return { outcome: 'afgemeld', promoted: up[0] };
}

export async function statusIn(q: Queryable, id: string, aadObjectId: string): Promise<MyStatus> {
  const { rows } = await q.query<{ status: string }>('SELECT status FROM registrations WHERE workshop_id = $1 AND aad_object_id = $2', [id, aadObjectId]);
  if (!rows[0]) return { status: 'niet-aangemeld' };
  if (rows[0].status === 'aangemeld') return { status: 'aangemeld' };
  return { status: 'wachtlijst', position: await waitingPosition(q, id, aadObjectId) };
}

/**
 * The outcomes with the workshop and each person's status, when the workshop exists. Read once the change has
 * committed, outside the workshop's lock, which is held for one decision at a time: the card shows the workshop
 * as it is now, and the person's place as the outcome said it.
 */
async function withSeen<R extends { outcome: string }>(q: Queryable, id: string, people: readonly Person[], results: R[]): Promise<Array<R & { seen?: SeenByPerson }>> {
  if (results.every((r) => r.outcome === 'onbekend')) return results;
  try {
    const workshop = await findIn(q, id);
    if (!workshop) return results;
    return await Promise.all(
      results.map(async (r, i) => (r.outcome === 'onbekend' ? r : { ...r, seen: { workshop, status: statusSaidBy(r) ?? (await statusIn(q, id, people[i]!.aadObjectId)) } })),
    );
  } catch {
    // The change has committed: a failed look at the workshop must not make it read as failed. The card is read
    // again where it is drawn.
    return results;
  }
}

/** The person's status when the outcome already says it: not read again. */
function statusSaidBy(result: { outcome: string; position?: number }): MyStatus | undefined {
  if (result.outcome === 'aangemeld' || result.outcome === 'al-aangemeld') return { status: 'aangemeld' };
  if ((result.outcome === 'wachtlijst' || result.outcome === 'al-op-wachtlijst') && result.position !== undefined) return { status: 'wachtlijst', position: result.position };
  if (result.outcome === 'afgemeld' || result.outcome === 'niet-aangemeld') return { status: 'niet-aangemeld' };
  return undefined;
}

export async function findIn(q: Queryable, id: string): Promise<Workshop | undefined> {
  const { rows } = await q.query<WorkshopRow>(`${selectWorkshops()} WHERE w.id = $1`, [id]);
  return rows[0] && toWorkshop(rows[0]);
}

export async function waitingPosition(q: Queryable, id: string, aadObjectId: string): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM registrations WHERE workshop_id = $1 AND status = 'wachtlijst'
       AND queue_order <= (SELECT queue_order FROM registrations WHERE workshop_id = $1 AND aad_object_id = $2)`,
    [id, aadObjectId],
  );
  return rows[0]!.n;
}

export async function scheduleJobs(tx: Queryable, id: string, jobs: NewWorkshopRecord['jobs']): Promise<void> {
  for (const job of jobs) {
    await tx.query(
      `INSERT INTO workshop_jobs (workshop_id, kind, due_at) VALUES ($1, $2, $3)
       ON CONFLICT (workshop_id, kind) DO UPDATE SET due_at = EXCLUDED.due_at, done_at = NULL`,
      [id, job.kind, job.dueAt.toISOString()],
    );
  }
}

type Period = { s: string; e: string };

/**
 * The pool as it is now, with the facilitators' rows locked until the transaction ends, so two plans or
 * re-proposals at once cannot both ask one facilitator for overlapping workshops. Only facilitators Teams
 * can reach (with an Entra id) are in it.
 */
async function lockedPool(q: Queryable, startsAt: Date, endsAt: Date, now: Date, ignoreWorkshop: string): Promise<PoolMember[]> {
  await q.query('SELECT id FROM facilitators ORDER BY id FOR UPDATE');
  const { rows } = await q.query<{
    id: string;
    display_name: string;
    organisation: string;
    experience: PoolMember['experience'];
    languages: PoolMember['languages'];
    active: boolean;
    aad_object_id: string;
    availability: Period[];
    busy: Period[];
    recent: number;
  }>(
    `SELECT f.id, f.display_name, f.organisation, f.experience, f.languages, f.active, f.aad_object_id,
       COALESCE((SELECT json_agg(json_build_object('s', a.starts_at, 'e', a.ends_at)) FROM facilitator_availability a
         WHERE a.facilitator_id = f.id AND a.starts_at <= $1 AND a.ends_at >= $2), '[]') AS availability,
       COALESCE((SELECT json_agg(json_build_object('s', w.starts_at, 'e', w.ends_at)) FROM workshop_assignments x JOIN workshops w ON w.id = x.workshop_id
         WHERE x.facilitator_id = f.id AND x.status IN ('gevraagd', 'geaccepteerd') AND w.status <> 'geannuleerd'
           AND w.starts_at < $2 AND w.ends_at > $1 AND w.id IS DISTINCT FROM $4::uuid), '[]') AS busy,
       (SELECT count(*)::int FROM workshop_assignments x JOIN workshops w ON w.id = x.workshop_id
         WHERE x.facilitator_id = f.id AND x.status = 'geaccepteerd' AND w.status <> 'geannuleerd'
           AND w.starts_at > $3::timestamptz - interval '90 days') AS recent
     FROM facilitators f WHERE f.aad_object_id IS NOT NULL ORDER BY f.id`,
    [startsAt.toISOString(), endsAt.toISOString(), now.toISOString(), ignoreWorkshop],
  );
  const periods = (v: Period[]) => v.map((p) => ({ startsAt: new Date(p.s), endsAt: new Date(p.e) }));
  return rows.map((r) => ({
    id: r.id,
    displayName: r.display_name,
    organisation: r.organisation,
    experience: r.experience,
    languages: r.languages,
    active: r.active,
    aadObjectId: r.aad_object_id,
    availability: periods(r.availability),
    busy: periods(r.busy),
    recentWorkshops: r.recent,
  }));
}
