-- A signal keeps its day, not its moment: a precise time can be matched against who was where.
ALTER TABLE signals ALTER COLUMN created_at SET DEFAULT date_trunc('day', now());
UPDATE signals SET created_at = date_trunc('day', created_at);

-- The form's HMAC is needed only to refuse a second press of the same button; after a day it goes.
ALTER TABLE signals ALTER COLUMN submission_hmac DROP NOT NULL;

-- State rows carry no time of writing: it could be matched against the time a signal arrived.
ALTER TABLE bot_state DROP COLUMN updated_at;
