import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../bot/src/platform/database/database';

export interface ReminderRound {
  workshopId: string;
  /** Conversation ids of the people who chatted with the bot before (an installation). */
  conversations: string[];
  /** Teams user ids of the people who never did: the engine opens a 1:1 chat for them. */
  newChatUsers: string[];
}

/**
 * A reminder round as the workshop jobs would queue it: one workshop a day ahead and a "reminder-day" notice
 * for each of `count` people, each in their own personal chat. The last `newChats` of them never chatted with
 * the bot. Written straight into the tables, so a test or the benchmark measures delivery alone.
 */
export async function seedReminderRound(
  db: Queryable,
  o: { count: number; serviceUrl: string; tenantId: string; newChats?: number; round?: string },
): Promise<ReminderRound> {
  // A caller that must know the conversation ids before the rows exist (the engine sends at once) names the round.
  const round = o.round ?? randomUUID().slice(0, 8);
  const workshopId = randomUUID();
  const installed = o.count - (o.newChats ?? 0);
  await db.query(
    `INSERT INTO workshops (id, tenant_id, service_url, plan_form_id, organisation, starts_at, ends_at, location_kind, location, audience, seats, language, status)
     VALUES ($1, $2, $3, $4, 'bzk', now() + interval '1 day', now() + interval '1 day 2 hours', 'online', 'https://teams.microsoft.com/l/meetup-join/19%3around', 'medewerkers', 8, 'nl', 'bevestigd')`,
    [workshopId, o.tenantId, o.serviceUrl, randomUUID()],
  );
  await db.query(
    `INSERT INTO installations (conversation_id, tenant_id, scope, aad_object_id, reference)
     SELECT 'a:' || $1 || '-' || g, $2, 'personal', 'aad-' || $1 || '-' || g,
       jsonb_build_object('channelId', 'msteams', 'serviceUrl', $3::text, 'locale', 'nl-NL',
         'conversation', jsonb_build_object('id', 'a:' || $1 || '-' || g, 'tenantId', $2::text, 'conversationType', 'personal'),
         'bot', jsonb_build_object('id', '', 'name', ''), 'user', jsonb_build_object('id', '29:' || $1 || '-' || g))
     FROM generate_series(1, $4::int) g`,
    [round, o.tenantId, o.serviceUrl, installed],
  );
  await db.query(
    `INSERT INTO outbox (id, idempotency_key, kind, workshop_id, notice, recipient)
     SELECT gen_random_uuid(), 'reminder-day:' || $2 || ':aad-' || $1 || '-' || g, 'workshop-notice', $2::uuid, 'reminder-day',
       jsonb_build_object('kind', 'person', 'aadObjectId', 'aad-' || $1 || '-' || g, 'userId', '29:' || $1 || '-' || g)
     FROM generate_series(1, $3::int) g`,
    [round, workshopId, o.count],
  );
  const ids = Array.from({ length: o.count }, (_, i) => i + 1);
  return {
    workshopId,
    conversations: ids.slice(0, installed).map((i) => roundConversation(round, i)),
    newChatUsers: ids.slice(installed).map((i) => `29:${round}-${i}`),
  };
}

/** The personal chat of the n-th person (from 1) of a round. */
export const roundConversation = (round: string, n: number): string => `a:${round}-${n}`;
