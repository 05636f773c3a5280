-- Fair dispatch (issue 25): the scheduler counts each workspace's runs in flight every tick.
CREATE INDEX ix_sync_runs_in_flight ON sync_runs (status, workspace_id);
