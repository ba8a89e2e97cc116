-- The desk's clocks (shared/desk-terms.ts): the day a handler first took a signal on or answered it, which
-- confirms its receipt; and each organisation's own terms (a first reaction, an integrity report), if it sets them.
ALTER TABLE signals ADD COLUMN taken_on_at timestamptz;
-- Signals handled already: the day of the first answer where there is one, else the day of receipt (the day they
-- were taken on is not known, and no clock may show a confirmation that was given as overdue).
UPDATE signals s SET taken_on_at = coalesce(
  (SELECT min(m.created_at) FROM signal_messages m WHERE m.signal_id = s.id AND m.author = 'handler'),
  date_trunc('day', s.created_at))
WHERE s.status = 'in-behandeling'
   OR EXISTS (SELECT 1 FROM signal_messages m WHERE m.signal_id = s.id AND m.author = 'handler');
ALTER TABLE organisations ADD COLUMN terms jsonb;

-- A counsellor is reminded once per signal, term and state (due soon, overdue): which reminders went is kept
-- here, since a sent outbox row goes. It names no one; it goes with its signal.
CREATE TABLE desk_reminders (
  signal_id uuid NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  clock text NOT NULL,
  state text NOT NULL CHECK (state IN ('bijna', 'te-laat')),
  PRIMARY KEY (signal_id, clock, state)
);
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('signal-answer', 'workshop-notice', 'desk-reminder'));

-- How a signal ended, as the desk says when closing it: a category from a list, never free text.
ALTER TABLE signals ADD COLUMN outcome text CHECK (outcome IN ('advies-gegeven', 'doorverwezen', 'informeel-opgelost', 'klacht-ingediend', 'melding-gedaan', 'geen-contact-meer'));
-- Who the other person was to the reporter, if they said so on the form: only counted, per quarter, organisation
-- and category, when the signal is stored (after the mixer, for an anonymous one). No signal row holds it, so
-- nobody, reading the database or the desk, can put it beside one signal.
CREATE TABLE relation_counts (
  quarter text NOT NULL,
  organisation text NOT NULL,
  category text NOT NULL,
  relation text NOT NULL CHECK (relation IN ('leidinggevende', 'collega', 'ondergeschikte', 'burger-of-klant', 'extern')),
  n integer NOT NULL,
  PRIMARY KEY (quarter, organisation, category, relation)
);

-- A desk hands a signal to another desk of its organisation: who moved it, from which inbox to which, why and
-- when. The audit trail of the move; it goes with its signal.
CREATE TABLE signal_handovers (
  id uuid PRIMARY KEY,
  signal_id uuid NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  from_role text NOT NULL,
  to_role text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('ander-onderwerp', 'integriteit', 'formele-melding', 'betrokken', 'afwezig')),
  by_aad_object_id text NOT NULL,
  -- The day only, as signals keep theirs: the moment would sit beside the notice the reporter gets.
  handed_at timestamptz NOT NULL DEFAULT date_trunc('day', now())
);
CREATE INDEX signal_handovers_signal ON signal_handovers (signal_id, handed_at);

-- The coordinator keeps who reads which inbox in the tab: every change is recorded, by whom and when.
CREATE TABLE counsellor_changes (
  id uuid PRIMARY KEY,
  by_aad_object_id text NOT NULL,
  action text NOT NULL CHECK (action IN ('saved', 'removed')),
  counsellor_aad_object_id text NOT NULL,
  organisation text NOT NULL,
  roles text[] NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
