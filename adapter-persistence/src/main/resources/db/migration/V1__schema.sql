-- The connections schema. Written in the SQL that H2 2.x and PostgreSQL 14+ both accept unchanged:
-- VARCHAR for text, TIMESTAMP WITH TIME ZONE for instants, identity columns, CHECK constraints.

CREATE TABLE workspaces (
    id          VARCHAR(128) NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE members (
    workspace_id VARCHAR(128) NOT NULL REFERENCES workspaces (id),
    user_id      VARCHAR(128) NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    CONSTRAINT pk_members PRIMARY KEY (workspace_id, user_id),
    CONSTRAINT ck_members_role CHECK (role IN ('admin', 'member'))
);

CREATE TABLE api_tokens (
    id             VARCHAR(64)  NOT NULL PRIMARY KEY,
    token_hash     VARCHAR(128) NOT NULL,
    workspace_id   VARCHAR(128) REFERENCES workspaces (id),
    user_id        VARCHAR(128),
    scopes         VARCHAR(400) NOT NULL,
    platform_admin BOOLEAN      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_api_tokens_hash UNIQUE (token_hash),
    CONSTRAINT ck_api_tokens_binding CHECK (
        (platform_admin AND workspace_id IS NULL AND user_id IS NULL)
        OR (NOT platform_admin AND workspace_id IS NOT NULL AND user_id IS NOT NULL))
);

CREATE TABLE connections (
    id                          VARCHAR(64)  NOT NULL PRIMARY KEY,
    workspace_id                VARCHAR(128) NOT NULL REFERENCES workspaces (id),
    connector_type              VARCHAR(64)  NOT NULL,
    name                        VARCHAR(200) NOT NULL,
    scope                       VARCHAR(16)  NOT NULL,
    owner_user_id               VARCHAR(128),
    connected_by_user_id        VARCHAR(128),
    account_external_id         VARCHAR(255),
    account_label               VARCHAR(500),
    social_external_account_id  VARCHAR(255),
    social_handle               VARCHAR(255),
    social_display_name         VARCHAR(500),
    social_avatar_url           VARCHAR(2000),
    created_at                  TIMESTAMP WITH TIME ZONE NOT NULL,
    status                      VARCHAR(16)  NOT NULL,
    status_changed_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    needs_reauth                BOOLEAN      NOT NULL,
    last_error                  VARCHAR(4000),
    connected_at                TIMESTAMP WITH TIME ZONE,
    first_sync_pending          BOOLEAN      NOT NULL,
    active_run_id               VARCHAR(64),
    active_run_running          BOOLEAN,
    active_run_started_at       TIMESTAMP WITH TIME ZONE,
    last_synced_at              TIMESTAMP WITH TIME ZONE,
    last_outcome_failed         BOOLEAN,
    last_outcome_streams_failed INTEGER,
    last_outcome_error_reason   VARCHAR(16),
    last_outcome_finished_at    TIMESTAMP WITH TIME ZONE,
    version                     BIGINT       NOT NULL,
    -- lets child tables reference (workspace_id, id), so a child row can never cross tenants
    CONSTRAINT uq_connections_workspace_id UNIQUE (workspace_id, id),
    -- one row per tracked social account; NULLs (non-social rows) are distinct on H2 and PostgreSQL
    CONSTRAINT uq_connections_social_account UNIQUE (workspace_id, connector_type, social_external_account_id),
    CONSTRAINT ck_connections_status CHECK (
        status IN ('pending', 'connected', 'syncing', 'error', 'paused', 'disconnected')),
    CONSTRAINT ck_connections_scope CHECK (scope IN ('business', 'personal')),
    CONSTRAINT ck_connections_error_reason CHECK (
        last_outcome_error_reason IS NULL
        OR last_outcome_error_reason IN ('auth', 'config', 'rate_limit', 'transient', 'unknown')),
    CONSTRAINT ck_connections_social CHECK (
        (social_external_account_id IS NULL AND social_handle IS NULL)
        OR (social_external_account_id IS NOT NULL AND social_handle IS NOT NULL)),
    CONSTRAINT ck_connections_active_run CHECK (
        (active_run_id IS NULL AND active_run_running IS NULL AND active_run_started_at IS NULL)
        OR (active_run_id IS NOT NULL AND active_run_running IS NOT NULL AND active_run_started_at IS NOT NULL)),
    CONSTRAINT ck_connections_outcome CHECK (
        (last_outcome_finished_at IS NULL AND last_outcome_failed IS NULL AND last_outcome_streams_failed IS NULL
            AND last_outcome_error_reason IS NULL)
        OR (last_outcome_finished_at IS NOT NULL AND last_outcome_failed IS NOT NULL
            AND last_outcome_streams_failed IS NOT NULL)),
    CONSTRAINT ck_connections_version CHECK (version >= 0)
);

CREATE INDEX ix_connections_workspace_newest ON connections (workspace_id, created_at DESC, id DESC);
-- the scheduler scans connected/error connections by type
CREATE INDEX ix_connections_scheduler ON connections (status, connector_type, active_run_id);

CREATE TABLE credentials (
    workspace_id  VARCHAR(128) NOT NULL,
    connection_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    key_id        VARCHAR(64)  NOT NULL,
    nonce         VARCHAR(32)  NOT NULL,
    ciphertext    VARCHAR(100000) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fk_credentials_connection FOREIGN KEY (workspace_id, connection_id)
        REFERENCES connections (workspace_id, id) ON DELETE CASCADE
);

CREATE INDEX ix_credentials_key ON credentials (key_id, connection_id);

CREATE TABLE oauth_states (
    state_hash     VARCHAR(128) NOT NULL PRIMARY KEY,
    workspace_id   VARCHAR(128) NOT NULL REFERENCES workspaces (id),
    user_id        VARCHAR(128) NOT NULL,
    connection_id  VARCHAR(64)  NOT NULL,
    connector_type VARCHAR(64)  NOT NULL,
    reconnect      BOOLEAN      NOT NULL,
    return_to      VARCHAR(2000),
    code_verifier  VARCHAR(200),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at        TIMESTAMP WITH TIME ZONE
);

CREATE INDEX ix_oauth_states_expiry ON oauth_states (expires_at);

CREATE TABLE sync_runs (
    id             VARCHAR(64)  NOT NULL PRIMARY KEY,
    workspace_id   VARCHAR(128) NOT NULL,
    connection_id  VARCHAR(64)  NOT NULL,
    status         VARCHAR(16)  NOT NULL,
    triggered_by   VARCHAR(16)  NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE,
    heartbeat_at   TIMESTAMP WITH TIME ZONE,
    streams_total  INTEGER      NOT NULL,
    streams_failed INTEGER      NOT NULL,
    records_written BIGINT      NOT NULL,
    error_reason   VARCHAR(16),
    error_message  VARCHAR(4000),
    CONSTRAINT fk_sync_runs_connection FOREIGN KEY (workspace_id, connection_id)
        REFERENCES connections (workspace_id, id),
    CONSTRAINT ck_sync_runs_status CHECK (
        status IN ('pending', 'running', 'completed', 'failed', 'skipped_locked')),
    CONSTRAINT ck_sync_runs_triggered_by CHECK (triggered_by IN ('connect', 'manual', 'schedule')),
    CONSTRAINT ck_sync_runs_error_reason CHECK (
        error_reason IS NULL OR error_reason IN ('auth', 'config', 'rate_limit', 'transient', 'unknown')),
    CONSTRAINT ck_sync_runs_counters CHECK (
        streams_total >= 0 AND streams_failed >= 0 AND streams_failed <= streams_total AND records_written >= 0)
);

CREATE INDEX ix_sync_runs_newest ON sync_runs (workspace_id, connection_id, started_at DESC, id DESC);
-- the lease reaper looks for running runs whose heartbeat is old
CREATE INDEX ix_sync_runs_lease ON sync_runs (status, heartbeat_at);

CREATE TABLE connection_events (
    id            VARCHAR(64)  NOT NULL PRIMARY KEY,
    seq           BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL,
    workspace_id  VARCHAR(128) NOT NULL,
    connection_id VARCHAR(64)  NOT NULL,
    type          VARCHAR(32)  NOT NULL,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    actor_user_id VARCHAR(128),
    details       VARCHAR(20000) NOT NULL,
    CONSTRAINT uq_connection_events_seq UNIQUE (seq),
    CONSTRAINT fk_connection_events_connection FOREIGN KEY (workspace_id, connection_id)
        REFERENCES connections (workspace_id, id),
    CONSTRAINT ck_connection_events_type CHECK (type IN ('connected', 'reconnected', 'disconnected', 'updated',
        'paused', 'resumed', 'health_changed', 'credentials_refreshed', 'credentials_rejected'))
);

CREATE INDEX ix_connection_events_newest ON connection_events (workspace_id, connection_id, at DESC, seq DESC);

CREATE TABLE cadence_overrides (
    connector_type VARCHAR(64) NOT NULL PRIMARY KEY,
    cadence        VARCHAR(8)  NOT NULL,
    CONSTRAINT ck_cadence_overrides_cadence CHECK (cadence IN ('1m', '10m', '30m', '1h', '6h', '1d'))
);

-- For the sync engine: where each stream of a connection got to, and what it wrote.
CREATE TABLE stream_cursors (
    workspace_id  VARCHAR(128) NOT NULL,
    connection_id VARCHAR(64)  NOT NULL,
    stream        VARCHAR(128) NOT NULL,
    cursor_value  VARCHAR(4000),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_stream_cursors PRIMARY KEY (connection_id, stream),
    CONSTRAINT fk_stream_cursors_connection FOREIGN KEY (workspace_id, connection_id)
        REFERENCES connections (workspace_id, id)
);

CREATE TABLE synced_records (
    workspace_id  VARCHAR(128) NOT NULL,
    connection_id VARCHAR(64)  NOT NULL,
    stream        VARCHAR(128) NOT NULL,
    external_id   VARCHAR(255) NOT NULL,
    payload       VARCHAR(1000000) NOT NULL,
    synced_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_synced_records_key UNIQUE (connection_id, stream, external_id),
    CONSTRAINT fk_synced_records_connection FOREIGN KEY (workspace_id, connection_id)
        REFERENCES connections (workspace_id, id)
);

CREATE INDEX ix_synced_records_workspace ON synced_records (workspace_id, connection_id, stream);
