-- Anonymity against whoever reads the database (docs/PRIVACY.md, threat model).

-- Conversation state is gone: a signal form carries its own keyed token in the card, so no row keyed by a
-- conversation id is written when someone opens or sends a form.
DROP TABLE bot_state;
DROP SEQUENCE bot_state_etag_seq;

-- Envelopes waiting for the mixer: an anonymous signal, an anonymous reporter's reply or a workshop evaluation,
-- sealed and padded to one size, with no time and no person. The turn writes only this; the mixer publishes
-- envelopes in shuffled batches, one transaction per batch, and deletes them.
CREATE TABLE mix_envelopes (
  id uuid PRIMARY KEY,
  -- A keyed hash of what makes a second press a repeat (the form, the reply), so it is stored once.
  guard bytea NOT NULL UNIQUE,
  -- A keyed hash of a waiting signal's case code, so no two waiting signals get one code.
  code_guard bytea UNIQUE,
  envelope_sealed text NOT NULL
);

-- Messages keep their day only, ordered by a sequence: the order of a conversation, not its moments.
CREATE SEQUENCE signal_messages_seq;
ALTER TABLE signal_messages ADD COLUMN seq bigint;
UPDATE signal_messages m SET seq = o.n FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM signal_messages) o WHERE o.id = m.id;
SELECT setval('signal_messages_seq', COALESCE((SELECT max(seq) FROM signal_messages), 0) + 1, false);
ALTER TABLE signal_messages ALTER COLUMN seq SET DEFAULT nextval('signal_messages_seq');
ALTER TABLE signal_messages ALTER COLUMN seq SET NOT NULL;
UPDATE signal_messages SET created_at = date_trunc('day', created_at);
ALTER TABLE signal_messages ALTER COLUMN created_at SET DEFAULT date_trunc('day', now());
DROP INDEX signal_messages_signal;
CREATE INDEX signal_messages_signal ON signal_messages (signal_id, seq);
-- A reply sent twice (a double press, a repeated delivery after it was published) is stored once; cleared after a day.
ALTER TABLE signal_messages ADD COLUMN submission_hmac bytea UNIQUE;

-- Activity ids were hashed without a key: anyone could test a guessed id. From now on a keyed hash, kept minutes.
DELETE FROM handled_activities;

-- Figures are published for closed periods only, from a snapshot stored once when the period has closed, so
-- nothing published moves while the period it describes could still change (and nobody can difference it).
CREATE TABLE insight_snapshots (
  period text PRIMARY KEY,
  figures jsonb NOT NULL
);

-- The counsellor's case (issue 15): what a reader has seen of the conversation, so replies after it stand out.
ALTER TABLE signal_reads ADD COLUMN seen_seq bigint NOT NULL DEFAULT 0;
