-- A per-workspace counter, raised in the same transaction as every write to what the connection
-- list and a connection's reads show (connections, their sync runs, their credentials, their events).
-- A reader that reads it before the rows may keep what it rendered while the counter stays put.
ALTER TABLE workspaces ADD COLUMN change_seq BIGINT DEFAULT 0 NOT NULL;
