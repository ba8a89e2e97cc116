-- A participant's display name as Teams gave it at registration, so their facilitator can send them a place
-- from the sociale kaart. Deleted with the registration when the workshop's retention ends.
ALTER TABLE registrations ADD COLUMN display_name text;
