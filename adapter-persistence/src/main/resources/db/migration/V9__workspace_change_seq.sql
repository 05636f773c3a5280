-- A per-workspace counter, raised in the same transaction as every write to what the connection
-- list shows (connections, their sync runs, their credential facts). A reader that reads it before
-- the list query may keep the rendered list for as long as the counter stays put (issue 15).
ALTER TABLE workspaces ADD COLUMN change_seq BIGINT DEFAULT 0 NOT NULL;
