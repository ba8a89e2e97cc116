import { type Activity, TurnContext } from 'botbuilder';
import type { Database } from '../database/database';
import { scopeOf } from './conversation-scope';
import { languageTagOf } from '../i18n/locale';

export type InstallationScope = 'personal' | 'team' | 'groupChat';

export interface Installation {
  conversationId: string;
  tenantId?: string;
  scope: InstallationScope;
  /** Entra object id of the person, for personal installations only. */
  aadObjectId?: string;
  /** botbuilder ConversationReference, kept as JSON for proactive messages. */
  reference: Record<string, unknown>;
}

/** Where the app is installed: the address book for proactive messages. */
export class Installations {
  constructor(private readonly db: Database) {}

  async upsert(i: Installation): Promise<void> {
    await this.db.query(
      `INSERT INTO installations (conversation_id, tenant_id, scope, aad_object_id, reference)
       VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (conversation_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, scope = EXCLUDED.scope,
         aad_object_id = EXCLUDED.aad_object_id, reference = EXCLUDED.reference`,
      [i.conversationId, i.tenantId ?? null, i.scope, i.aadObjectId ?? null, JSON.stringify(i.reference)],
    );
  }

  /** Mijn gegevens: the personal chats through which the app can reach this person. */
  async countForUser(aadObjectId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM installations WHERE aad_object_id = $1', [aadObjectId]);
    return rows[0]?.n ?? 0;
  }

  /** Uninstalled: the address is no longer needed, so it is not kept. */
  async remove(conversationId: string): Promise<void> {
    await this.db.query('DELETE FROM installations WHERE conversation_id = $1', [conversationId]);
  }

  /** The newest personal chat in which the app can reach this person, if they ever opened one. */
  async personalReference(aadObjectId: string): Promise<Record<string, unknown> | undefined> {
    const { rows } = await this.db.query<{ reference: Record<string, unknown> }>(
      `SELECT reference FROM installations WHERE aad_object_id = $1 AND scope = 'personal' ORDER BY installed_at DESC LIMIT 1`,
      [aadObjectId],
    );
    return rows[0]?.reference;
  }

  async find(conversationId: string): Promise<Installation | undefined> {
    const { rows } = await this.db.query<{
      conversation_id: string;
      tenant_id: string | null;
      scope: InstallationScope;
      aad_object_id: string | null;
      reference: Record<string, unknown>;
    }>('SELECT * FROM installations WHERE conversation_id = $1', [conversationId]);
    const r = rows[0];
    if (!r) return undefined;
    return {
      conversationId: r.conversation_id,
      tenantId: r.tenant_id ?? undefined,
      scope: r.scope,
      aadObjectId: r.aad_object_id ?? undefined,
      reference: r.reference,
    };
  }
}

/**
 * What is kept of the conversation an install or a turn came from: the least that reaches it again. The reference
 * needs ids, not the person's display name, and a team or group chat is reached without knowing who installed the
 * app there. Messages sent later (answers, workshop notices) speak the language this activity was in.
 */
export function installationOf(activity: Activity): Installation {
  const scope = scopeOf(activity);
  const reference = TurnContext.getConversationReference(activity);
  const tag = languageTagOf(activity);
  if (typeof tag === 'string') reference.locale = tag;
  if (scope !== 'personal') delete reference.user;
  else if (reference.user) reference.user = { id: reference.user.id, name: '', aadObjectId: reference.user.aadObjectId };
  return {
    conversationId: activity.conversation.id,
    tenantId: activity.conversation.tenantId ?? tenantIdOf(activity),
    scope,
    aadObjectId: scope === 'personal' ? activity.from?.aadObjectId : undefined,
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
  };
}

function tenantIdOf(activity: Activity): string | undefined {
  const data = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  return typeof data?.tenant?.id === 'string' ? data.tenant.id : undefined;
}
