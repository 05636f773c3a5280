package com.amdahl.connections.domain.health;

import com.amdahl.connections.domain.connection.Connection;
import com.amdahl.connections.domain.connection.ConnectionStatus;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.amdahl.connections.domain.sync.RunOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Derives health from stored facts and the time (CONTRACT section 6 and 9.4): an ordered list of
 * rules, the first that applies wins. Health is never stored.
 */
public final class HealthPolicy {
    public static final Duration DEFAULT_FRESHNESS_THRESHOLD = Duration.ofHours(48);

    private final Duration freshnessThreshold;

    public HealthPolicy(Duration freshnessThreshold) {
        Objects.requireNonNull(freshnessThreshold, "freshnessThreshold");
        if (freshnessThreshold.isNegative() || freshnessThreshold.isZero()) {
            throw new IllegalArgumentException("freshness threshold must be positive");
        }
        this.freshnessThreshold = freshnessThreshold;
    }

    public static HealthPolicy withDefaultThreshold() {
        return new HealthPolicy(DEFAULT_FRESHNESS_THRESHOLD);
    }

    public Duration freshnessThreshold() {
        return freshnessThreshold;
    }

    public HealthReport evaluate(Connection connection, Instant now) {
        return evaluate(HealthFacts.of(connection), now);
    }

    public HealthReport evaluate(HealthFacts facts, Instant now) {
        for (HealthRule rule : RULES) {
            Optional<HealthReport> report = rule.evaluate(facts, now, freshnessThreshold);
            if (report.isPresent()) {
                return report.get();
            }
        }
        throw new IllegalStateException("the last health rule always applies");
    }

    /**
     * The last instant at which {@link #evaluate} still answers what it answers at {@code now} for
     * these facts, if the clock alone can change that answer later; empty when only a write can.
     * Only staleness and a rate-limit hold move with time: a connected connection turns stale once
     * its freshness reference is more than the threshold old, and a connection waiting for its
     * provider's rate limit stops saying "until HH:MM" when that instant comes. Readers that keep a rendered health (a cached list,
     * an entity tag) may keep it while {@code !now.isAfter(result)}.
     */
    public Optional<Instant> unchangedUntil(Connection connection, Instant now) {
        return unchangedUntil(HealthFacts.of(connection), now);
    }

    public Optional<Instant> unchangedUntil(HealthFacts facts, Instant now) {
        Optional<Instant> held = facts.lastOutcome() != null && facts.lastOutcome().heldAt(now)
                ? Optional.of(facts.lastOutcome().notBefore().minusNanos(1)) : Optional.empty();
        if (facts.status() != ConnectionStatus.CONNECTED) {
            return held;
        }
        Instant staleSince = facts.freshnessReference().plus(freshnessThreshold);
        Optional<Instant> fresh = now.isAfter(staleSince) ? Optional.empty() : Optional.of(staleSince);
        if (held.isPresent() && fresh.isPresent()) {
            return Optional.of(held.get().isBefore(fresh.get()) ? held.get() : fresh.get());
        }
        return held.isPresent() ? held : fresh;
    }

    private static Optional<HealthReport> report(Health health, String reason, Instant since, NextAction action) {
        return Optional.of(new HealthReport(health, new HealthDetail(reason, since, action)));
    }

    private static final java.time.format.DateTimeFormatter HH_MM = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
            .withZone(java.time.ZoneOffset.UTC);

    private static final List<HealthRule> RULES = List.of(
            (f, now, threshold) -> f.status() != ConnectionStatus.DISCONNECTED ? Optional.empty()
                    : report(Health.DISCONNECTED, "Disconnected; reconnect to resume syncing", f.statusChangedAt(),
                            NextAction.RECONNECT),
            (f, now, threshold) -> !f.needsReauth() ? Optional.empty()
                    : report(Health.NEEDS_REAUTH, "The provider needs you to re-authorize the connection",
                            f.lastOutcome() != null && f.lastOutcome().failed() ? f.lastOutcome().finishedAt() : null,
                            NextAction.RECONNECT),
            (f, now, threshold) -> !f.syncing() ? Optional.empty()
                    : report(Health.SYNCING, "A sync is running now", f.runStartedAt(), NextAction.WAIT),
            (f, now, threshold) -> f.lastOutcome() == null || !f.lastOutcome().failed()
                    || f.lastOutcome().errorReason() != ErrorReason.RATE_LIMIT ? Optional.empty()
                    : report(Health.RATE_LIMITED, f.lastOutcome().heldAt(now)
                            ? "Waiting for the provider's rate limit until " + HH_MM.format(f.lastOutcome().notBefore())
                                    + " UTC; the next sync starts then"
                            : "The last run hit the provider's rate limit; it will retry on the next sync",
                            f.lastOutcome().finishedAt(), NextAction.WAIT),
            HealthPolicy::error,
            HealthPolicy::degraded,
            HealthPolicy::stale,
            HealthPolicy::healthy);

    private static Optional<HealthReport> degraded(HealthFacts f, Instant now, Duration threshold) {
        RunOutcome last = f.lastOutcome();
        if (last == null || !last.degraded()) {
            return Optional.empty();
        }
        if (last.streamsFailed() > 0) {
            return report(Health.DEGRADED, "The last run only partially succeeded: " + last.streamsFailed()
                    + " stream(s) failed", last.finishedAt(), NextAction.CHECK_PROVIDER);
        }
        return report(Health.DEGRADED, "The last run held " + last.deletesHeld() + " delete(s) back: more records"
                + " vanished at the provider than the mass-delete guard applies in one pass; an admin confirms them"
                + " (sync with confirm_deletes) or a later pass that lists them again clears them", last.finishedAt(),
                NextAction.CHECK_PROVIDER);
    }

    private static Optional<HealthReport> error(HealthFacts f, Instant now, Duration threshold) {
        boolean runFailed = f.lastOutcome() != null && f.lastOutcome().failed();
        if (runFailed) {
            ErrorReason reason = f.lastOutcome().errorReason();
            NextAction action = reason == ErrorReason.AUTH || reason == ErrorReason.CONFIG
                    ? NextAction.RECONNECT : NextAction.CHECK_PROVIDER;
            return report(Health.ERROR, "The last run failed (" + reason.wire() + ")", f.lastOutcome().finishedAt(),
                    action);
        }
        if (f.status() == ConnectionStatus.ERROR && f.connectedAt() == null) {
            // The first OAuth authorization failed (denied, expired): nothing was ever connected.
            return report(Health.ERROR, "Authorization was not completed \u2014 connect again or remove it",
                    f.statusChangedAt(), NextAction.CONNECT_AGAIN);
        }
        if (f.status() == ConnectionStatus.ERROR) {
            // An error without a failed run: a re-authorization's callback failed (CONTRACT 9.23).
            return report(Health.ERROR, "The connection could not be re-authorized", f.statusChangedAt(),
                    NextAction.RECONNECT);
        }
        return Optional.empty();
    }

    private static Optional<HealthReport> stale(HealthFacts f, Instant now, Duration threshold) {
        if (f.status() != ConnectionStatus.CONNECTED) {
            return Optional.empty();
        }
        Instant reference = f.freshnessReference();
        Instant staleSince = reference.plus(threshold);
        if (!now.isAfter(staleSince)) {
            return Optional.empty();
        }
        String what = f.lastSyncedAt() != null ? "The last successful sync" : "The connection has never synced; it connected";
        return report(Health.STALE, what + " more than " + describe(threshold) + " ago", staleSince,
                NextAction.CHECK_PROVIDER);
    }

    private static Optional<HealthReport> healthy(HealthFacts f, Instant now, Duration threshold) {
        return switch (f.status()) {
            case PENDING -> report(Health.HEALTHY, "Waiting for the provider authorization to complete",
                    f.statusChangedAt(), NextAction.WAIT);
            case PAUSED -> report(Health.HEALTHY, "Paused by an admin", f.statusChangedAt(), NextAction.RESUME);
            case CONNECTED, SYNCING, ERROR, DISCONNECTED -> report(Health.HEALTHY,
                    f.lastSyncedAt() != null ? "Connected and recently synced" : "Connected; the first sync has not run yet",
                    f.lastSyncedAt(), NextAction.NONE);
        };
    }

    private static String describe(Duration threshold) {
        long hours = threshold.toHours();
        return hours >= 1 && threshold.equals(Duration.ofHours(hours)) ? hours + "h" : threshold.toString();
    }
}
