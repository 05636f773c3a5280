-- A record of a child stream (a call's transcript, a note's transcript) names its parent's provider id.
ALTER TABLE synced_records ADD COLUMN parent_external_id VARCHAR(255);
