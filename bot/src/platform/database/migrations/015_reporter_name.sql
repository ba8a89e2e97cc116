-- The name a reporter gave with a "vertrouwelijk" signal, sealed (bound to the signal, under a binding of its own so
-- it cannot pass for the description): the counsellor who opens the signal sees whom to contact, not an object id.
-- The database refuses it on any other signal, on one no inbox holds (nobody would open it), and without the object
-- id by which Mijn gegevens finds and deletes it. "Laten lezen" promised that nobody contacts the person: such a
-- signal can keep no way back to their chat.
ALTER TABLE signals ADD COLUMN reporter_name_sealed text,
  ADD CONSTRAINT signals_name_only_when_named CHECK (
    reporter_name_sealed IS NULL OR (anonymity = 'vertrouwelijk' AND inbox_role IS NOT NULL AND reporter_aad_object_id IS NOT NULL)),
  ADD CONSTRAINT signals_read_only_has_no_route CHECK (wish <> 'laten-lezen' OR reply_route_sealed IS NULL);
