-- The sync engine: when a run was last dispatched (the cadence clock), and the due query's index.
ALTER TABLE connections ADD COLUMN last_dispatched_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX ix_connections_due ON connections (status, needs_reauth, last_dispatched_at);

-- Pending runs waiting for a worker, oldest first.
CREATE INDEX ix_sync_runs_pending ON sync_runs (status, started_at);
