package com.amdahl.connections.application.view;

import com.amdahl.connections.application.port.in.ManageKnowledgeSync.KnowledgeSyncView;
import com.amdahl.connections.application.port.out.KnowledgeTarget.TargetDatabase;
import com.amdahl.connections.domain.knowledge.KnowledgeSyncSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of an outbound knowledge sync (CONTRACT 11), like {@link JsonShapes}. */
public final class KnowledgeShapes {
    private KnowledgeShapes() {
    }

    /**
     * {@code {"connection_id","configured","missing","database_id","database_title","title_property",
     * "policy","tags_property","updated_property","pages_mirrored","last_push_at","last_run"}};
     * settings fields are null until configured, and {@code missing} says what to do then.
     */
    public static Map<String, Object> knowledgeSync(KnowledgeSyncView view) {
        KnowledgeSyncSettings settings = view.settings();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("connection_id", view.connectionId());
        json.put("direction", "outbound");
        json.put("configured", view.configured());
        json.put("missing", view.missing());
        json.put("database_id", settings == null ? null : settings.databaseId());
        json.put("database_title", settings == null ? null : settings.databaseTitle());
        json.put("title_property", settings == null ? null : settings.titleProperty());
        json.put("policy", settings == null ? null : settings.policy().wire());
        json.put("tags_property", settings == null ? null : settings.tagsProperty());
        json.put("updated_property", settings == null ? null : settings.updatedProperty());
        json.put("pages_mirrored", view.pagesMirrored());
        json.put("last_push_at", JsonShapes.time(view.lastPushAt()));
        json.put("last_run", JsonShapes.run(view.lastRun()));
        return json;
    }

    /** {@code {"databases":[{"id","title","title_property","properties":[{"name","type"}]}]}} */
    public static Map<String, Object> databases(List<TargetDatabase> databases) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("databases", databases.stream().map(KnowledgeShapes::database).toList());
        return json;
    }

    private static Map<String, Object> database(TargetDatabase database) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", database.id());
        json.put("title", database.title());
        json.put("title_property", database.titleProperty());
        json.put("properties", database.properties().stream().map(p -> {
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("name", p.name());
            property.put("type", p.type());
            return property;
        }).toList());
        return json;
    }
}
