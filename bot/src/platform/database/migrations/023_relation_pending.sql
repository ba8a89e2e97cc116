-- Who the other person was, per stored signal, sealed (the same length whatever it says, or that nothing was said)
-- and without the signal's id: counted only when a settled quarter's figures are taken, which are stored held back
-- as the suppression rules say. relation_counts, counted in the clear as each signal was written, changed in the
-- signals' own transaction, so a database reader could tell the relation of the only signal of its organisation and
-- category in a batch, and of every vertrouwelijk signal; nothing adds to it any more. Kept as long as a counted
-- signal of the quarter's last day.
CREATE TABLE relation_pending (
  id uuid PRIMARY KEY,
  quarter text NOT NULL,
  organisation text NOT NULL,
  category text NOT NULL,
  relation_sealed text NOT NULL
);
CREATE INDEX relation_pending_quarter ON relation_pending (quarter);
