-- Who handles which inbox: a counsellor (vertrouwenspersoon, integrity desk, …) staffs a referral role in an
-- organisation. Seeded with fictional people; kept by the coordinator.
CREATE TABLE counsellors (
  aad_object_id text NOT NULL,
  organisation text NOT NULL REFERENCES organisations (code),
  inbox_role text NOT NULL,
  display_name text NOT NULL,
  PRIMARY KEY (aad_object_id, organisation, inbox_role)
);
CREATE INDEX counsellors_inbox ON counsellors (organisation, inbox_role);

-- Every time a handler opens a signal: who and when. Deleted with the signal.
CREATE TABLE signal_reads (
  id uuid PRIMARY KEY,
  signal_id uuid NOT NULL REFERENCES signals (id) ON DELETE CASCADE,
  reader_aad_object_id text NOT NULL,
  read_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signal_reads_signal ON signal_reads (signal_id, read_at);
