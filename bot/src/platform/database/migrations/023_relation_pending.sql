-- Who the other person was, per stored signal, sealed (the same length whatever it says, or that nothing was said)
-- and without the signal's id, until the signal's quarter has left the mixer: then the quarter's rows are added to
-- relation_counts at once and deleted. Counted as each signal was written, the counts changed in the signals' own
-- transaction, so a database reader could tie a relation to the only signal of its organisation and category in a
-- batch, and to every vertrouwelijk signal.
CREATE TABLE relation_pending (
  id uuid PRIMARY KEY,
  quarter text NOT NULL,
  organisation text NOT NULL,
  category text NOT NULL,
  relation_sealed text NOT NULL
);
CREATE INDEX relation_pending_quarter ON relation_pending (quarter);
