-- Outbound knowledge sync (issue 23, CONTRACT 11): the settings of each Notion Knowledge Sync
-- connection and, per connection, which page each knowledge document was pushed to and the hash
-- of what was pushed (an unchanged document costs no call). Where the last good push stopped is
-- the connection's stream cursor of the stream 'pages' (stream_cursors).
CREATE TABLE knowledge_sync_settings (
    workspace_id     VARCHAR(128) NOT NULL,
    connection_id    VARCHAR(64)  NOT NULL,
    database_id      VARCHAR(200) NOT NULL,
    database_title   VARCHAR(2000) NOT NULL,
    title_property   VARCHAR(200) NOT NULL,
    policy           VARCHAR(16)  NOT NULL,
    tags_property    VARCHAR(200),
    updated_property VARCHAR(200),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_knowledge_sync_settings PRIMARY KEY (connection_id),
    CONSTRAINT fk_knowledge_sync_settings_connection FOREIGN KEY (workspace_id, connection_id)
        REFERENCES connections (workspace_id, id),
    CONSTRAINT ck_knowledge_sync_settings_policy CHECK (policy IN ('mirror', 'append'))
);

CREATE TABLE knowledge_pages (
    workspace_id  VARCHAR(128) NOT NULL,
    connection_id VARCHAR(64)  NOT NULL,
    document_id   VARCHAR(500) NOT NULL,
    page_id       VARCHAR(64)  NOT NULL,
    content_hash  VARCHAR(64)  NOT NULL,
    pushed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_knowledge_pages PRIMARY KEY (connection_id, document_id),
    CONSTRAINT fk_knowledge_pages_connection FOREIGN KEY (workspace_id, connection_id)
        REFERENCES connections (workspace_id, id)
);
