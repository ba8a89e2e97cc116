-- Tries of a proactive message that Teams throttled (429, 412): they do not count toward giving it up, so a round
-- that meets Teams' limits loses nothing; they have a bound of their own (bot/src/delivery/retry.ts).
ALTER TABLE outbox ADD COLUMN throttled integer NOT NULL DEFAULT 0;
