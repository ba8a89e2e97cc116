-- A bijeenkomst (seed 004): a plenary part and one or more rounds of parallel sessions. Every session is a row in
-- workshops (programme_id, round), so it has its own seats, waiting list, reminders, calendar file and evaluation,
-- decided as every workshop's are. A single MT-dag workshop is the simplest case: a session without a programme.
CREATE TABLE programmes (
  id uuid PRIMARY KEY,
  -- Cleared with the sessions' registrations by retention, as a workshop's organiser is.
  organiser_aad_object_id text,
  organiser_user_id text,
  tenant_id text,
  service_url text NOT NULL,
  channel_conversation_id text,
  invitation_activity_id text,
  -- One planning form gives one programme, however often its button is pressed.
  plan_form_id uuid NOT NULL UNIQUE,
  rijksbreed boolean NOT NULL DEFAULT false,
  title text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  location_kind text NOT NULL CHECK (location_kind IN ('online', 'place')),
  location text NOT NULL,
  audiences text[] NOT NULL,
  language text NOT NULL CHECK (language IN ('nl', 'en')),
  plenary_title text,
  plenary_starts_at timestamptz,
  plenary_ends_at timestamptz,
  status text NOT NULL DEFAULT 'gepland' CHECK (status IN ('gepland', 'geannuleerd')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);

-- A session: a workshop in a round of a programme, with its own title, host and room. It has no duo from the pool:
-- its host leads it, so it is planned as 'bevestigd'. Its seats may be many more than a workshop's.
ALTER TABLE workshops ADD COLUMN programme_id uuid REFERENCES programmes (id) ON DELETE CASCADE;
ALTER TABLE workshops ADD COLUMN round integer;
-- The session's place in its round, as the organiser listed it.
ALTER TABLE workshops ADD COLUMN session_number integer;
ALTER TABLE workshops ADD COLUMN title text;
ALTER TABLE workshops ADD COLUMN host text;
ALTER TABLE workshops ADD COLUMN room text;
ALTER TABLE workshops DROP CONSTRAINT workshops_seats_check;
ALTER TABLE workshops ADD CONSTRAINT workshops_seats_check
  CHECK (seats BETWEEN 2 AND 20 OR (programme_id IS NOT NULL AND seats BETWEEN 2 AND 200));
ALTER TABLE workshops ADD CONSTRAINT workshops_session_check
  CHECK ((programme_id IS NULL) = (round IS NULL) AND (programme_id IS NULL OR title IS NOT NULL));
CREATE INDEX workshops_programme ON workshops (programme_id, round) WHERE programme_id IS NOT NULL;

-- A series (issue 20): a workshop planned again from an earlier one (every quarter's MT-dag) shares its series, so
-- the organiser sees attendance and evaluations over time. The first of a series names itself.
ALTER TABLE workshops ADD COLUMN series_id uuid;
CREATE INDEX workshops_series ON workshops (series_id) WHERE series_id IS NOT NULL;

-- Dialogues in mixed groups (seed 002): the programme names the roles, the group size, the least share of each role in
-- every group and when the groups are announced; a session marked `mixed` asks each person's role, gives seats by the
-- mix (features/workshops/mixed-groups.ts) and divides the people with a seat into groups at that time.
ALTER TABLE programmes ADD COLUMN mix_roles text[];
ALTER TABLE programmes ADD COLUMN group_size integer CHECK (group_size BETWEEN 4 AND 12);
ALTER TABLE programmes ADD COLUMN mix_min_percent integer CHECK (mix_min_percent BETWEEN 10 AND 50);
ALTER TABLE programmes ADD COLUMN groups_announce_hours integer CHECK (groups_announce_hours BETWEEN 1 AND 168);
ALTER TABLE workshops ADD COLUMN mixed boolean NOT NULL DEFAULT false;
-- The role a person gave for a mixed session, and their group once divided: gone with the registration.
ALTER TABLE registrations ADD COLUMN role text;
ALTER TABLE registrations ADD COLUMN group_number integer;
ALTER TABLE workshop_jobs DROP CONSTRAINT workshop_jobs_kind_check;
ALTER TABLE workshop_jobs ADD CONSTRAINT workshop_jobs_kind_check CHECK (kind IN ('reminder-day', 'reminder-hour', 'evaluation', 'groups'));

-- The facilitators' material (seed 002: workshops with short films): a library the coordinator keeps in the tab, and
-- what a facilitator attaches to a workshop they facilitate. Participants get the handouts' links with the evaluation.
CREATE TABLE materials (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('film', 'werkvorm', 'handout')),
  url text NOT NULL,
  duration_minutes integer CHECK (duration_minutes BETWEEN 1 AND 600),
  language text NOT NULL CHECK (language IN ('nl', 'en')),
  audience text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE workshop_materials (
  workshop_id uuid NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
  material_id uuid NOT NULL REFERENCES materials (id) ON DELETE CASCADE,
  PRIMARY KEY (workshop_id, material_id)
);
