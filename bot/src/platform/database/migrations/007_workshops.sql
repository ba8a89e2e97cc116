-- The facilitator pool (seed 001): seeded from bot/src/storage/seeds/, then kept by the coordinator.
CREATE TABLE facilitators (
  id text PRIMARY KEY,
  aad_object_id text UNIQUE,
  display_name text NOT NULL,
  organisation text NOT NULL REFERENCES organisations (code),
  experience text NOT NULL CHECK (experience IN ('lijn', 'begeleiding', 'beide')),
  languages text[] NOT NULL DEFAULT '{nl}',
  active boolean NOT NULL DEFAULT true
);

CREATE TABLE facilitator_availability (
  id uuid PRIMARY KEY,
  facilitator_id text NOT NULL REFERENCES facilitators (id) ON DELETE CASCADE,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  CHECK (ends_at > starts_at)
);
CREATE INDEX facilitator_availability_facilitator ON facilitator_availability (facilitator_id, ends_at);

-- A workshop. The organiser is kept by Entra id (only they may change it); the note is sealed like any
-- free text. `version` counts the organiser's changes: a card showing an older version is outdated.
CREATE TABLE workshops (
  id uuid PRIMARY KEY,
  -- Cleared with the registrations some time after the end (retention); the counts stay for the figures.
  organiser_aad_object_id text,
  organiser_user_id text,
  participants_kept integer,
  tenant_id text,
  service_url text NOT NULL,
  -- The channel the invitation is in; null for a Rijk-wide workshop planned in personal chat.
  channel_conversation_id text,
  invitation_activity_id text,
  -- One planning form gives one workshop, however often its button is pressed.
  plan_form_id uuid NOT NULL UNIQUE,
  organisation text REFERENCES organisations (code),
  rijksbreed boolean NOT NULL DEFAULT false,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  location_kind text NOT NULL CHECK (location_kind IN ('online', 'place')),
  location text NOT NULL,
  audience text NOT NULL,
  seats integer NOT NULL CHECK (seats BETWEEN 2 AND 20),
  language text NOT NULL CHECK (language IN ('nl', 'en')),
  note_sealed text,
  status text NOT NULL DEFAULT 'gepland' CHECK (status IN ('gepland', 'bevestigd', 'geannuleerd')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX workshops_upcoming ON workshops (starts_at) WHERE status <> 'geannuleerd';

-- Who was asked to facilitate, and what they answered. At most two stand at once (asked or accepted).
CREATE TABLE workshop_assignments (
  workshop_id uuid NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
  facilitator_id text NOT NULL REFERENCES facilitators (id),
  status text NOT NULL CHECK (status IN ('gevraagd', 'geaccepteerd', 'afgewezen', 'verlopen', 'vervallen')),
  asked_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz,
  PRIMARY KEY (workshop_id, facilitator_id)
);
CREATE INDEX workshop_assignments_open ON workshop_assignments (asked_at) WHERE status = 'gevraagd';

-- A seat or a place on the waiting list. Who is kept by Entra id and Teams id (to reach them and to show
-- them their own status); `queue_order` comes from a sequence, so the waiting list has one order on every replica.
CREATE SEQUENCE registrations_order_seq;
CREATE TABLE registrations (
  workshop_id uuid NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
  aad_object_id text NOT NULL,
  user_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('aangemeld', 'wachtlijst')),
  queue_order bigint NOT NULL DEFAULT nextval('registrations_order_seq'),
  PRIMARY KEY (workshop_id, aad_object_id)
);
CREATE INDEX registrations_queue ON registrations (workshop_id, status, queue_order);
CREATE INDEX registrations_person ON registrations (aad_object_id);

-- An evaluation keeps no person: a rating and one takeaway (sealed). The registration only notes that its
-- person evaluated (to refuse a second one), written in a transaction of its own so no shared transaction
-- id links the two rows.
CREATE TABLE workshop_evaluations (
  id uuid PRIMARY KEY,
  workshop_id uuid NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
  rating integer NOT NULL CHECK (rating BETWEEN 1 AND 5),
  takeaway_sealed text
);
ALTER TABLE registrations ADD COLUMN evaluated boolean NOT NULL DEFAULT false;

-- Scheduled sends (reminders, the evaluation): claimed in the database so one replica sends each once.
CREATE TABLE workshop_jobs (
  workshop_id uuid NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('reminder-day', 'reminder-hour', 'evaluation')),
  due_at timestamptz NOT NULL,
  done_at timestamptz,
  PRIMARY KEY (workshop_id, kind)
);
CREATE INDEX workshop_jobs_due ON workshop_jobs (due_at) WHERE done_at IS NULL;

-- The outbox also carries workshop notices: to whom (ids to reach them) and which notice; the card is
-- made from the workshop's current data when it is sent, so the row holds no text.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('signal-answer', 'workshop-notice'));
ALTER TABLE outbox ADD COLUMN workshop_id uuid REFERENCES workshops (id) ON DELETE CASCADE;
ALTER TABLE outbox ADD COLUMN notice text;
ALTER TABLE outbox ADD COLUMN recipient jsonb;
-- A coalescing notice (the shared card's update) asked for again while it is being sent goes out once more.
ALTER TABLE outbox ADD COLUMN resend boolean NOT NULL DEFAULT false;
