-- Operations (issue 16): credential facts shown on connection views, and "Test connection" audit events.

-- Facts about the stored credentials that are not secrets, readable without decrypting:
-- when the access token expires and which scopes the provider granted.
ALTER TABLE credentials ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE credentials ADD COLUMN scopes_granted VARCHAR(4000);

-- The last refresh of a connection's credentials is its newest credentials_refreshed event: one
-- index probe per connection.
CREATE INDEX ix_connection_events_type ON connection_events (workspace_id, connection_id, type, at DESC);

ALTER TABLE connection_events DROP CONSTRAINT ck_connection_events_type;
ALTER TABLE connection_events ADD CONSTRAINT ck_connection_events_type CHECK (type IN ('connected', 'reconnected',
    'disconnected', 'updated', 'paused', 'resumed', 'health_changed', 'credentials_refreshed', 'credentials_rejected',
    'credentials_tested'));
