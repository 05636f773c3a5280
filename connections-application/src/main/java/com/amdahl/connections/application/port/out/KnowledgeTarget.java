package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.knowledge.KnowledgeDocument;
import com.amdahl.connections.domain.knowledge.KnowledgeSyncSettings;
import com.amdahl.connections.domain.sync.ErrorReason;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The workspace a knowledge base is mirrored into (Notion): what databases a grant can reach, and
 * the page writes of a push, for connections of the catalog's outbound connector. Every call may
 * throw {@link Refused}, already classified.
 */
public interface KnowledgeTarget {

    /** The databases the grant can see. */
    List<TargetDatabase> databases(Credentials credentials);

    /** One database, when the grant can reach it. */
    Optional<TargetDatabase> database(Credentials credentials, String databaseId);

    /** Creates the document's page (properties and body); answers the page id. */
    String create(Credentials credentials, KnowledgeSyncSettings settings, KnowledgeDocument document);

    /** Writes the document's properties onto its page and replaces the page's body. */
    void replace(Credentials credentials, KnowledgeSyncSettings settings, String pageId, KnowledgeDocument document);

    /** Archives the page. A page already gone counts as archived. */
    void archive(Credentials credentials, String pageId);

    /** A database: its id, title, the name of its title property (null: none), and its other properties by type. */
    record TargetDatabase(String id, String title, String titleProperty, List<Property> properties) {
        public TargetDatabase {
            Objects.requireNonNull(id, "id");
            title = title == null ? "" : title;
            properties = properties == null ? List.of() : List.copyOf(properties);
        }

        public Optional<Property> property(String name) {
            return properties.stream().filter(p -> p.name().equals(name)).findFirst();
        }
    }

    /** A property of a database: its name and Notion type ({@code title}, {@code multi_select}, {@code date} …). */
    record Property(String name, String type) {
    }

    /**
     * A call the target refused, classified: {@code reason} buckets it for the run, {@code gone}
     * names what no longer exists for this grant ({@link Gone#DATABASE}: deleted or unshared;
     * {@link Gone#PAGE}: the page was deleted by hand), and the message is safe to show.
     */
    final class Refused extends RuntimeException {
        private final ErrorReason reason;
        private final Gone gone;

        public Refused(ErrorReason reason, Gone gone, String message) {
            super(message, null, false, false);
            this.reason = Objects.requireNonNull(reason, "reason");
            this.gone = gone;
        }

        public ErrorReason reason() {
            return reason;
        }

        public Optional<Gone> gone() {
            return Optional.ofNullable(gone);
        }
    }

    /** What a {@link Refused} call found missing. */
    enum Gone { DATABASE, PAGE }
}
