-- Putting an envelope in the mixer as one call, where it took five round trips (begin, lock, look, insert, commit)
-- and two looks before them: the submit of an anonymous signal waited on each.
--
-- Under the publishing lock (shared with other puts, exclusive to a publication, so no batch commits between the
-- look and the insert), never waiting for it: 'busy' while a batch is being published, and the caller waits for the
-- lock in a statement of its own, then tries again (a statement that waited would carry the form's HMACs into the
-- server's list of waiting statements, or a slow-statement log, with the moment it was sent).
-- Then: 'repeat' when a published row is the same form or reply (p_published, in the table of
-- p_kind) or an envelope with this guard waits; 'code-taken' when a published signal (p_code) or a waiting envelope
-- (its code guard) holds this case code; else the envelope is stored: 'stored'. Each statement of a PL/pgSQL
-- function reads with a snapshot of its own, so the look after the lock sees a batch committed before it.
CREATE FUNCTION put_envelope(
  p_lock bigint,
  p_id uuid,
  p_guard bytea,
  p_code_guard bytea,
  p_sealed text,
  -- 'signal' or 'reply': where a published row of this form or reply would be; null: nothing to look for.
  p_kind text,
  p_published bytea[],
  -- The HMACs a published signal with this envelope's case code carries; null when it has no code.
  p_code bytea[]
) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT pg_try_advisory_xact_lock_shared(p_lock) THEN
    RETURN 'busy';
  END IF;
  IF p_kind = 'signal' AND EXISTS (SELECT 1 FROM signals WHERE submission_hmac = ANY(p_published)) THEN
    RETURN 'repeat';
  END IF;
  IF p_kind = 'reply' AND EXISTS (SELECT 1 FROM signal_messages WHERE submission_hmac = ANY(p_published)) THEN
    RETURN 'repeat';
  END IF;
  IF p_code IS NOT NULL AND EXISTS (SELECT 1 FROM signals WHERE case_code_hmac = ANY(p_code)) THEN
    RETURN 'code-taken';
  END IF;
  INSERT INTO mix_envelopes (id, guard, code_guard, envelope_sealed) VALUES (p_id, p_guard, p_code_guard, p_sealed)
    ON CONFLICT DO NOTHING;
  IF FOUND THEN
    RETURN 'stored';
  END IF;
  -- Another envelope holds the guard (a repeat) or, failing that, the code guard.
  IF EXISTS (SELECT 1 FROM mix_envelopes WHERE guard = p_guard) THEN
    RETURN 'repeat';
  END IF;
  RETURN 'code-taken';
END
$$;
