-- A signal names an organisation of the organisations table; a forged code cannot be stored.
ALTER TABLE signals ADD CONSTRAINT signals_organisation_fk FOREIGN KEY (organisation) REFERENCES organisations (code);

-- Counters for per-person limits (e.g. case-code look-ups), shared by every replica and counted in one
-- statement, so concurrent turns cannot both pass the limit. The subject is a keyed hash, never an id.
CREATE TABLE rate_limits (
  scope text NOT NULL,
  subject_hash bytea NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (scope, subject_hash, window_start)
);
CREATE INDEX rate_limits_window ON rate_limits (window_start);
