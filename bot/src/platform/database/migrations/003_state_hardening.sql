-- eTags from one sequence, as botbuilder's MemoryStorage uses one counter: a row deleted and written
-- again never reuses an eTag, so a writer holding the old one cannot overwrite the new row.
CREATE SEQUENCE bot_state_etag_seq;
SELECT setval('bot_state_etag_seq', COALESCE((SELECT max(etag) FROM bot_state), 0) + 1);
ALTER TABLE bot_state ALTER COLUMN etag SET DEFAULT nextval('bot_state_etag_seq');

-- A claim is finished when its turn ended; an unfinished claim (its process died) may be taken over.
ALTER TABLE handled_activities ADD COLUMN done boolean NOT NULL DEFAULT false;

-- Uninstalled conversations are deleted, not marked.
DELETE FROM installations WHERE removed_at IS NOT NULL;
ALTER TABLE installations DROP COLUMN removed_at;
