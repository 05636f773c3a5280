package com.amdahl.connections.domain.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Delete detection for a stream whose provider gives no delete signal, decided after a complete
 * pass (every page read, no error): a live record the pass did not list is <em>missing</em>; a
 * record missing from two complete passes in a row is deleted. One short listing can therefore
 * never delete anything, and a pass that failed midway decides nothing (it is not reconciled at
 * all, and does not break the chain of complete passes). The mass-delete guard may hold the
 * deletes back; an admin's confirmation applies them.
 */
public final class Reconciliation {
    private Reconciliation() {
    }

    /**
     * What a complete pass decides. {@code delete}: mark these deleted now. {@code missing}: the
     * records this pass did not list, remembered for the next pass (held ones stay remembered, so
     * the next pass or a confirmation can still apply them). {@code held}: deletes the guard held.
     */
    public record Decision(Set<String> delete, Set<String> missing, long held) {
        public Decision {
            delete = Set.copyOf(delete);
            missing = Set.copyOf(missing);
        }
    }

    /**
     * @param live the ids of the stream's stored records that are not deleted
     * @param listed the ids the complete pass listed
     * @param missingBefore the ids the previous complete pass did not list
     * @param confirmed an admin confirmed the deletes the guard held
     */
    public static Decision decide(Collection<String> live, Set<String> listed, Set<String> missingBefore,
            boolean confirmed, DeleteGuard guard) {
        List<String> unlisted = new ArrayList<>();
        for (String id : live) {
            if (!listed.contains(id)) {
                unlisted.add(id);
            }
        }
        return decide(live.size(), unlisted, missingBefore, confirmed, guard);
    }

    /**
     * The same decision from what a caller streamed past the pass's listing, so the stream's live
     * ids never need to be held at once.
     *
     * @param liveCount how many of the stream's stored records are not deleted (the guard's base)
     * @param unlisted those of them the complete pass did not list
     */
    public static Decision decide(long liveCount, Collection<String> unlisted, Set<String> missingBefore,
            boolean confirmed, DeleteGuard guard) {
        Objects.requireNonNull(guard, "guard");
        Set<String> missing = new HashSet<>(unlisted);
        Set<String> gone = new HashSet<>();
        for (String id : missing) {
            if (missingBefore.contains(id)) {
                gone.add(id);
            }
        }
        if (!gone.isEmpty() && !confirmed && guard.holds(gone.size(), liveCount)) {
            return new Decision(Set.of(), missing, gone.size());
        }
        missing.removeAll(gone);
        return new Decision(gone, missing, 0);
    }

    /**
     * For a listing that is a window at the newest end of an order (the newest 3,200 posts): whether
     * a record the complete pass did not list lies inside what it listed, and so may be judged. Only
     * a known key at least the least key listed is inside; a pass that listed nothing judges nothing.
     */
    public static boolean inWindow(OptionalLong key, OptionalLong leastListed) {
        return key.isPresent() && leastListed.isPresent() && key.getAsLong() >= leastListed.getAsLong();
    }
}
