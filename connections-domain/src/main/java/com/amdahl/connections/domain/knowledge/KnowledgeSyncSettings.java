package com.amdahl.connections.domain.knowledge;

import java.util.Objects;

/**
 * How one connection mirrors the knowledge base: the target database (its title and the name of
 * its title property, checked when the settings were saved), the policy, and optional mappings of
 * tags to a multi-select property and the updated time to a date property (null: not written).
 */
public record KnowledgeSyncSettings(String databaseId, String databaseTitle, String titleProperty, SyncPolicy policy,
        String tagsProperty, String updatedProperty) {
    public KnowledgeSyncSettings {
        Objects.requireNonNull(databaseId, "databaseId");
        Objects.requireNonNull(titleProperty, "titleProperty");
        Objects.requireNonNull(policy, "policy");
        databaseTitle = databaseTitle == null ? "" : databaseTitle;
    }

    /** What of the settings shapes a page's content: a change rewrites every page at the next run. */
    public String fingerprint() {
        return databaseId + "|" + titleProperty + "|" + Objects.toString(tagsProperty, "") + "|"
                + Objects.toString(updatedProperty, "");
    }
}
