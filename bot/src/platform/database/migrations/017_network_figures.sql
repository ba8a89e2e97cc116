-- An organisation may be part of another (the Belastingdienst of Financiën, DJI and IND of J&V): a network
-- coordinator of the whole sees the figures of its parts with it.
ALTER TABLE organisations ADD COLUMN part_of text REFERENCES organisations (code);

-- Who coordinates a counsellor network, and for which organisation: kept by the coordinator in the tab (every change
-- recorded in counsellor_changes, with the role 'netwerkcoordinator'). A row opens nothing without the Entra app
-- role NetworkCoordinator, which the tenant's admins assign; it only says whose figures the person sees.
CREATE TABLE network_coordinators (
  aad_object_id text NOT NULL,
  organisation text NOT NULL REFERENCES organisations (code),
  display_name text NOT NULL,
  PRIMARY KEY (aad_object_id, organisation)
);

-- Pro-active advice: a rise in a closed quarter that a network coordinator was told of, once per quarter, scope and
-- category. Only figures Inzicht publishes (its quarter tables, added up per scope); never a signal.
CREATE TABLE network_advice (
  quarter text NOT NULL,
  scope text NOT NULL,
  category text NOT NULL,
  previous_quarter text NOT NULL,
  count_before integer NOT NULL,
  count_now integer NOT NULL,
  PRIMARY KEY (quarter, scope, category)
);
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('signal-answer', 'workshop-notice', 'desk-reminder', 'network-advice'));

-- The sociaal loket passes a signal on for its own reason (it brings every signal to the place that fits).
ALTER TABLE signal_handovers DROP CONSTRAINT signal_handovers_reason_check;
ALTER TABLE signal_handovers ADD CONSTRAINT signal_handovers_reason_check
  CHECK (reason IN ('ander-onderwerp', 'integriteit', 'formele-melding', 'betrokken', 'afwezig', 'loket'));

-- The loket opens nothing sealed, so its looks are no reads (a read is what the reporter hears of as "opened"); they
-- are audited all the same: who looked at which signal, when. They go with their signal.
CREATE TABLE signal_views (
  id uuid PRIMARY KEY,
  signal_id uuid NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  viewer_aad_object_id text NOT NULL,
  viewed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signal_views_signal ON signal_views (signal_id);
