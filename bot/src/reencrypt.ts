import type { Database } from './platform/database/database';
import { FieldCipher, keyIdOf } from './platform/crypto/field-crypto';
import { envelopeBinding, type MessageBinding, messageBinding, relationBinding, reporterNameBinding, signalBinding } from './features/signals';
import type { KeyPurpose, KeyRing } from './platform/crypto/signal-keys';
import { noteBinding, takeawayBinding } from './features/workshops';

/** One sealed column: where it is, which key purpose seals it, and the row data its ciphertext is bound to. */
interface SealedColumn {
  table: string;
  column: string;
  purpose: KeyPurpose;
  /** Columns to read besides `id`, for the associated data. */
  binding: string[];
  associatedData: (row: Record<string, string>) => string;
}

/** Every sealed column in the database, with the associated data its seal was made with (the sealing classes' own). */
const SEALED: readonly SealedColumn[] = [
  { table: 'signals', column: 'description_sealed', purpose: 'text', binding: [], associatedData: (r) => signalBinding(r.id!) },
  { table: 'signals', column: 'reply_route_sealed', purpose: 'reply-route', binding: [], associatedData: (r) => signalBinding(r.id!) },
  { table: 'signals', column: 'case_code_sealed', purpose: 'sealed-case-code', binding: [], associatedData: (r) => signalBinding(r.id!) },
  { table: 'signals', column: 'reporter_name_sealed', purpose: 'text', binding: [], associatedData: (r) => reporterNameBinding(r.id!) },
  {
    table: 'signal_messages',
    column: 'body_sealed',
    purpose: 'text',
    binding: ['signal_id', 'author'],
    associatedData: (r) => messageBinding({ messageId: r.id!, signalId: r.signal_id!, author: r.author as MessageBinding['author'] }),
  },
  { table: 'workshops', column: 'note_sealed', purpose: 'text', binding: [], associatedData: (r) => noteBinding(r.id!) },
  {
    table: 'workshop_evaluations',
    column: 'takeaway_sealed',
    purpose: 'text',
    binding: ['workshop_id'],
    associatedData: (r) => takeawayBinding(r.workshop_id!, r.id!),
  },
  { table: 'relation_pending', column: 'relation_sealed', purpose: 'text', binding: [], associatedData: (r) => relationBinding(r.id!) },
  // Envelopes wait a day at most; resealed all the same, so a rotation never strands one under a dropped key.
  { table: 'mix_envelopes', column: 'envelope_sealed', purpose: 'envelope', binding: [], associatedData: (r) => envelopeBinding(r.id!) },
];

const BATCH = 500;

export interface ReencryptResult {
  /** Values resealed under the current key, per table.column. */
  resealed: Record<string, number>;
  /** Values already under the current key. */
  current: number;
}

/**
 * Key rotation: reseals every sealed value that is not under the ring's current key, decrypting with the
 * previous key that sealed it. Each value is replaced only if it is unchanged since it was read, so the
 * service may keep running. Safe to run again: values under the current key are left alone. HMACs (case
 * codes, form ids) cannot be recomputed without their input: look-ups try every key in the ring, so a previous
 * key stays in SIGNAL_KEY_PREVIOUS until retention has removed the signals hashed with it.
 */
export async function reencryptAll(db: Database, ring: KeyRing): Promise<ReencryptResult> {
  const result: ReencryptResult = { resealed: {}, current: 0 };
  for (const c of SEALED) {
    const cipher = new FieldCipher(ring, c.purpose);
    const columns = ['id::text AS id', ...c.binding.map((b) => `${b}::text AS ${b}`), `${c.column} AS sealed`].join(', ');
    let resealed = 0;
    let after = '';
    for (;;) {
      const { rows } = await db.query<Record<string, string>>(
        `SELECT ${columns} FROM ${c.table} WHERE ${c.column} IS NOT NULL AND id::text > $1 ORDER BY id::text LIMIT ${BATCH}`,
        [after],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const sealed = row.sealed!;
        if (keyIdOf(sealed) === ring.currentId) {
          result.current++;
          continue;
        }
        const aad = c.associatedData(row);
        const fresh = cipher.encrypt(cipher.decrypt(sealed, aad), aad);
        const { rowCount } = await db.query(`UPDATE ${c.table} SET ${c.column} = $1 WHERE id::text = $2 AND ${c.column} = $3`, [fresh, row.id, sealed]);
        resealed += rowCount;
      }
      after = rows[rows.length - 1]!.id!;
    }
    result.resealed[`${c.table}.${c.column}`] = resealed;
  }
  return result;
}
