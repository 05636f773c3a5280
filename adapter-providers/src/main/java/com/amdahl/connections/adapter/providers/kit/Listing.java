package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.domain.catalog.Cadence;
import com.amdahl.connections.domain.catalog.Category;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.catalog.Direction;
import com.amdahl.connections.domain.catalog.Ownership;
import com.amdahl.connections.domain.catalog.Scope;
import java.util.List;
import java.util.Objects;

/**
 * How a plugin is listed in the catalog, beyond what it already states (type, name, auth method,
 * credential fields, streams): category, ownership, default cadence and, where they apply, direction, notes, a display
 * name of its own, and the streams it will have while it has none live.
 */
public final class Listing {
    private final Category category;
    private final Ownership ownership;
    private final Cadence cadence;
    private final Direction direction;
    private final String notes;
    private final String shownAs;
    private final List<String> plannedStreams;
    private final boolean comingSoon;

    private Listing(Category category, Ownership ownership, Cadence cadence, Direction direction, String notes,
            String shownAs, List<String> plannedStreams, boolean comingSoon) {
        this.category = Objects.requireNonNull(category, "category");
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.cadence = Objects.requireNonNull(cadence, "cadence");
        this.direction = direction;
        this.notes = notes;
        this.shownAs = shownAs;
        this.plannedStreams = List.copyOf(plannedStreams);
        this.comingSoon = comingSoon;
    }

    /** An inbound connector of a category, owned by the workspace or one member, synced on a cadence by default. */
    public static Listing of(Category category, Ownership ownership, Cadence cadence) {
        return new Listing(category, ownership, cadence, Direction.INBOUND, null, null, List.of(), false);
    }

    /** Mirrors data out rather than pulling it in. */
    public Listing outbound() {
        return new Listing(category, ownership, cadence, Direction.OUTBOUND, notes, shownAs, plannedStreams, comingSoon);
    }

    /** The catalog's note (a plan requirement, a limitation). */
    public Listing notes(String text) {
        return new Listing(category, ownership, cadence, direction, text, shownAs, plannedStreams, comingSoon);
    }

    /** The catalog name when it differs from the name messages use ("X / Twitter" for "X"). */
    public Listing shownAs(String catalogName) {
        return new Listing(category, ownership, cadence, direction, notes, catalogName, plannedStreams, comingSoon);
    }

    /** The stream names the catalog lists while the plugin has no live streams (coming soon, outbound). */
    public Listing plannedStreams(String... names) {
        return new Listing(category, ownership, cadence, direction, notes, shownAs, List.of(names), comingSoon);
    }

    /** Listed for discovery, not connectable yet. */
    public Listing comingSoon() {
        return new Listing(category, ownership, cadence, direction, notes, shownAs, plannedStreams, true);
    }

    public boolean isComingSoon() {
        return comingSoon;
    }

    /** The plugin's catalog entry: its live stream names, or the planned ones when it has none live. */
    Connector entry(ConnectorPlugin plugin) {
        List<String> live = plugin.streams().stream().map(Stream::name).toList();
        if (!live.isEmpty() && !plannedStreams.isEmpty()) {
            throw new IllegalStateException(plugin.type() + " lists planned streams beside live ones");
        }
        return new Connector(plugin.type(), shownAs == null ? plugin.name() : shownAs, category, plugin.authMethod(),
                ownership, direction, ownership == Ownership.PERSONAL ? Scope.PERSONAL : Scope.BUSINESS,
                live.isEmpty() ? plannedStreams : live, cadence, comingSoon, notes, plugin.credentialFields());
    }
}
