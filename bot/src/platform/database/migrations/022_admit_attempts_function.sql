-- Several admit_attempt calls (migration 020) in one: turns and other limits' attempts that arrive together share it
-- (platform/database/batched-calls.ts, platform/limits/shared-admits.ts). Measured in a loop of 2,000 admits, 20 at a time:
-- 0.55 to 0.13 ms of CPU an admit on PGlite, 0.25 to 0.05 ms in the pg driver.
--
-- The i-th entry of each array is one call of admit_attempt, taken in the arrays' order; n says which. The caller
-- sorts the entries by scope, subject and activity key, so two replicas' batches take their row locks in one order and
-- cannot wait for each other in a circle.
CREATE FUNCTION admit_attempts(
  p_scopes text[],
  p_subjects bytea[],
  p_window_seconds double precision[],
  p_hits double precision[],
  p_keys bytea[],
  p_owner uuid
) RETURNS TABLE (n integer, counted_hits integer, previous_hits integer, elapsed_seconds double precision, allowed boolean, claimed boolean)
LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 1..cardinality(p_keys) LOOP
    RETURN QUERY SELECT i, a.counted_hits, a.previous_hits, a.elapsed_seconds, a.allowed, a.claimed
      FROM admit_attempt(p_scopes[i], p_subjects[i], p_window_seconds[i], p_hits[i], NULL, p_keys[i], p_owner) a;
  END LOOP;
END
$$;
