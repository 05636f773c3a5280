package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The base of every port contract: one fresh database per test class (per backend), one fresh
 * workspace per test so tests never see each other's rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseContract {
    protected PersistenceSettings settings;
    protected PersistenceAdapter adapter;
    protected WorkspaceId workspace;

    abstract Backend backend();

    @BeforeAll
    void openDatabase() {
        settings = backend().freshSettings();
        adapter = PersistenceAdapter.open(settings);
    }

    @AfterAll
    void closeDatabase() {
        if (adapter != null) {
            adapter.close();
        }
    }

    @BeforeEach
    void freshWorkspace() {
        workspace = Fixtures.newWorkspace(adapter);
    }
}
