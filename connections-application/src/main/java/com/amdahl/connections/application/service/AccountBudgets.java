package com.amdahl.connections.application.service;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.Liveness;
import com.amdahl.connections.application.port.out.RateBudgets;
import com.amdahl.connections.application.port.out.RequestBudget;
import com.amdahl.connections.application.port.out.StreamPuller;
import com.amdahl.connections.application.port.out.Telemetry;
import com.amdahl.connections.domain.budget.RateLimit;
import com.amdahl.connections.domain.budget.TokenBucket;
import com.amdahl.connections.domain.catalog.AuthMethod;
import com.amdahl.connections.domain.catalog.Connector;
import com.amdahl.connections.domain.connection.Connection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The request budget a run spends: one per provider account, keyed by the connector type and the
 * account — the credential of an API-key connector (its limit is per key), the authorized
 * account of an OAuth connector, the platform's own credential for a handle connector — hashed,
 * so storage never holds an id or a secret. Sized by the limit the connector declares; a provider
 * that declares none gets {@link #UNDECLARED}, and what it says live still holds every spender.
 */
final class AccountBudgets {
    /** For providers with no documented limit: generous, so only what the provider says live paces them. */
    static final RateLimit UNDECLARED = RateLimit.perSecond(50);
    private static final Duration SLICE = Duration.ofSeconds(1);

    /** How a waiting request sleeps; tests may record instead. */
    @FunctionalInterface
    interface Pause {
        Pause THREAD = d -> Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));

        void sleep(Duration duration) throws InterruptedException;
    }

    private final RateBudgets budgets;
    private final StreamPuller puller;
    private final Supplier<Instant> clock;
    private final SyncSettings settings;
    private final Telemetry telemetry;
    private final Pause pause;
    private final java.util.Map<String, long[]> lastSends = new java.util.concurrent.ConcurrentHashMap<>();

    AccountBudgets(RateBudgets budgets, StreamPuller puller, Supplier<Instant> clock, SyncSettings settings,
            Telemetry telemetry, Pause pause) {
        this.budgets = budgets;
        this.puller = puller;
        this.clock = clock;
        this.settings = settings;
        this.telemetry = telemetry;
        this.pause = pause;
    }

    private long[] lastSends(String key) {
        if (lastSends.size() > 10_000) {
            lastSends.clear(); // only the accounts being synced matter; a cleared one just loses one spacing
        }
        return lastSends.computeIfAbsent(key, k -> new long[] {System.nanoTime() - 60_000_000_000L});
    }

    /** The budget {@code connection}'s run spends with {@code credentials}, waiting only while {@code liveness} allows. */
    Spending forRun(Connection connection, Connector connector, Credentials credentials, Liveness liveness) {
        RateLimit limit = puller.rateLimit(connector.type()).orElse(UNDECLARED);
        return new Spending(key(connection, connector, credentials), connector.type(), limit, liveness);
    }

    static String key(Connection connection, Connector connector, Credentials credentials) {
        String account;
        if (connector.authMethod() == AuthMethod.HANDLE) {
            account = "platform";
        } else if (connector.authMethod() == AuthMethod.API_KEY && credentials != null
                && credentials.get(Credentials.API_KEY).isPresent()) {
            account = "key:" + credentials.get(Credentials.API_KEY).get();
        } else if (connection.profile().account() != null) {
            account = "account:" + connection.profile().account().externalAccountId();
        } else {
            account = "connection:" + connection.id().value();
        }
        return sha256(connector.type() + "\n" + account);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    /** One run's spending of its account's budget; remembers the latest slot it was refused, for the run's outcome. */
    final class Spending implements RequestBudget {
        private final String key;
        private final String connectorType;
        private final RateLimit limit;
        private final Liveness liveness;
        private final AtomicReference<Instant> refusedUntil = new AtomicReference<>();

        private Spending(String key, String connectorType, RateLimit limit, Liveness liveness) {
            this.key = key;
            this.connectorType = connectorType;
            this.limit = limit;
            this.liveness = liveness;
        }

        @Override
        public void acquire() {
            Instant now = clock.get();
            TokenBucket.Reservation reservation = budgets.reserve(key, limit, now, settings.rateWaitMax());
            if (!reservation.granted()) {
                Instant until = now.plus(reservation.delay());
                remember(until);
                throw new Exhausted(until);
            }
            if (!reservation.delay().isZero()) {
                telemetry.budgetWait(connectorType, reservation.delay());
                waitFor(reservation.delay());
            }
            spaceFromTheLastSend();
        }

        /**
         * Within this process, sends of one account are at least one interval of the budget's pace
         * apart even when a request goes late (a stalled thread): the slots after it move instead of
         * bunching up behind it, which would tip the provider's window over.
         */
        private void spaceFromTheLastSend() {
            long interval = (long) (1e9 / limit.refillPerSecond());
            long[] lastSend = lastSends(key);
            synchronized (lastSend) {
                long early = lastSend[0] + interval - System.nanoTime();
                if (early > 0) {
                    waitFor(Duration.ofNanos(early));
                }
                lastSend[0] = System.nanoTime();
            }
        }

        /** Sleeps in slices, checking between them that the run may go on (heartbeats come from the engine's timer). */
        private void waitFor(Duration wait) {
            for (Duration left = wait; left.compareTo(Duration.ZERO) > 0; left = left.minus(SLICE)) {
                liveness.check();
                try {
                    pause.sleep(left.compareTo(SLICE) < 0 ? left : SLICE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Liveness.RunStopped("interrupted while waiting for the provider's rate limit");
                }
            }
            liveness.check();
        }

        @Override
        public void notBefore(Instant until) {
            budgets.pauseUntil(key, limit, until, clock.get());
        }

        @Override
        public void refused(Instant until) {
            telemetry.providerRateLimited(connectorType);
            notBefore(until);
            if (until.isAfter(clock.get().plus(settings.rateWaitMax()))) {
                remember(until);
            }
        }

        private void remember(Instant until) {
            refusedUntil.accumulateAndGet(until, (a, b) -> a == null || b.isAfter(a) ? b : a);
        }

        /** The latest instant a request of this run was refused a slot before, if it was. */
        java.util.Optional<Instant> refusedUntil() {
            return java.util.Optional.ofNullable(refusedUntil.get());
        }
    }
}
