-- A running service process says it is alive every few seconds. An activity's claim names the process that made
-- it, and holds while that process lives: a turn no longer writes a separate "done" after it ended.
-- The id is random at each start and says nothing about anyone.
CREATE TABLE service_processes (
  id uuid PRIMARY KEY,
  alive_until timestamptz NOT NULL
);

-- Claims of before this version name no process; Teams repeats a delivery within minutes, so they can go.
DELETE FROM handled_activities;
ALTER TABLE handled_activities DROP COLUMN done;
ALTER TABLE handled_activities ADD COLUMN owner uuid NOT NULL;
