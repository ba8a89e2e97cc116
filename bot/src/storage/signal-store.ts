import type { NewSignalRecord, SignalStore } from '../domain/signals/signal-service';
import type { Database } from './database';

const UNIQUE_VIOLATION = '23505';

export class DatabaseSignalStore implements SignalStore {
  constructor(private readonly db: Database) {}

  async insert(r: NewSignalRecord): Promise<'stored' | 'duplicate-submission' | 'duplicate-code'> {
    try {
      await this.db.query(
        `INSERT INTO signals (id, case_code_hmac, submission_hmac, organisation, category, wish, anonymity, urgency,
           inbox_role, status, description_sealed, reporter_aad_object_id, reply_route_sealed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          r.id,
          r.caseCodeHmac,
          r.submissionHmac,
          r.organisation,
          r.category,
          r.wish,
          r.anonymity,
          r.urgency,
          r.inboxRole,
          r.status,
          r.descriptionSealed,
          r.reporterAadObjectId,
          r.replyRouteSealed,
        ],
      );
      return 'stored';
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code !== UNIQUE_VIOLATION) throw error;
      return constraint?.includes('submission') ? 'duplicate-submission' : 'duplicate-code';
    }
  }
}
