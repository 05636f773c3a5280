package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Permissions;
import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.TokenScope;
import com.amdahl.connections.application.port.in.BrowseCatalog;
import com.amdahl.connections.application.port.in.CatalogEntry;
import com.amdahl.connections.application.port.out.HandleResolver;
import com.amdahl.connections.application.port.out.OAuthProvider;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.WireNames;
import com.amdahl.connections.domain.catalog.Catalog;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.catalog.NotConnectableReason;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The catalog with {@code connectable} computed from which provider apps are configured here, and
 * {@code syncable} from which connector types the stream puller serves (the domain catalog does
 * not know the adapters).
 */
final class CatalogService implements BrowseCatalog {
    private final Catalog catalog;
    private final OAuthProvider oauth;
    private final HandleResolver handles;
    private final SyncableConnectors syncable;

    CatalogService(Catalog catalog, OAuthProvider oauth, HandleResolver handles, SyncableConnectors syncable) {
        this.catalog = catalog;
        this.oauth = oauth;
        this.handles = handles;
        this.syncable = syncable;
    }

    @Override
    public List<CatalogEntry> catalog(Principal principal, String category, String kind) {
        Permissions.requireScope(principal, TokenScope.CONNECTIONS_READ);
        Category wanted = category == null ? null : WireNames.parse(Category.class, category).orElseThrow(() ->
                new ConnectionsException(ErrorCode.INVALID_CATEGORY, "category must be one of "
                        + Arrays.stream(Category.values()).map(Category::wire).collect(Collectors.joining("|"))));
        return catalog.all().stream()
                .filter(c -> wanted == null || c.category() == wanted)
                .filter(c -> kind == null || c.kind().equals(kind))
                .map(c -> new CatalogEntry(c, notConnectableReason(c), syncable.isSyncable(c)))
                .toList();
    }

    /** Why the connector cannot be connected here, or null when it can. */
    NotConnectableReason notConnectableReason(Connector connector) {
        if (connector.comingSoon()) {
            return NotConnectableReason.COMING_SOON;
        }
        boolean configured = switch (connector.authMethod()) {
            case OAUTH_REDIRECT -> oauth.isConfigured(connector.type());
            case HANDLE -> handles.isConfigured(connector.type());
            case API_KEY, WEBHOOK -> true;
        };
        return configured ? null : NotConnectableReason.PROVIDER_APP_NOT_CONFIGURED;
    }

    /** The connector of a type if it can be connected here; otherwise the contract's refusal. */
    Connector requireConnectable(String type) {
        Connector connector = catalog.require(type);
        NotConnectableReason reason = notConnectableReason(connector);
        if (reason != null) {
            throw new ConnectionsException(ErrorCode.CONNECTOR_NOT_CONNECTABLE,
                    reason == NotConnectableReason.COMING_SOON ? connector.name() + " is coming soon"
                            : connector.name() + " is not configured in this environment",
                    java.util.Map.of("reason", reason.wire()));
        }
        return connector;
    }
}
