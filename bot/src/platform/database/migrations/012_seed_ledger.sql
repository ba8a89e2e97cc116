-- Which seed rows a database has had, so each goes in once in its life: a place the coordinator removes, or a
-- person taken out of the pool, does not come back at the next start. Rows present now count as seeded.
CREATE TABLE seeded (
  kind text NOT NULL,
  key text NOT NULL,
  PRIMARY KEY (kind, key)
);
INSERT INTO seeded (kind, key) SELECT 'organisation', code FROM organisations;
INSERT INTO seeded (kind, key) SELECT 'referral', id FROM referrals;
INSERT INTO seeded (kind, key) SELECT 'routing-rule', category || ':' || wish FROM routing_rules;
INSERT INTO seeded (kind, key) SELECT 'facilitator', id FROM facilitators;
INSERT INTO seeded (kind, key) SELECT 'counsellor', aad_object_id || ':' || organisation || ':' || inbox_role FROM counsellors;
