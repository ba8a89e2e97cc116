-- The name a reporter gave with a "vertrouwelijk" signal, sealed (bound to the signal, under a binding of its own so
-- it cannot pass for the description): the counsellor who opens the signal sees whom to contact, not an object id.
-- As for the object id, the database refuses it on any other signal.
ALTER TABLE signals ADD COLUMN reporter_name_sealed text,
  ADD CONSTRAINT signals_name_only_when_named CHECK (anonymity = 'vertrouwelijk' OR reporter_name_sealed IS NULL);
