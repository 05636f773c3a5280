package com.amdahl.connections.application.port.out;

/**
 * How a puller learns whether its run may go on. The engine writes the run's heartbeat itself, on
 * its timer, whatever the puller is doing (a slow provider call must not look like a dead worker);
 * the puller calls {@link #check()} between provider calls (each page, while children run) and
 * stops where it throws. Safe to call from any thread, and cheap: it reads a flag and the clock.
 */
@FunctionalInterface
public interface Liveness {

    /**
     * Returns when the run may go on; throws {@link RunStopped} when it has used up its time or
     * another process reaped it (its lease was lost). A puller need not catch it: the engine fails
     * the stream {@code transient}, "the run timed out", and records no cursor for it.
     */
    void check();

    /** Always alive: for pulls outside the engine (tests, tools). */
    static Liveness always() {
        return () -> { };
    }

    /** The run must stop: its time is up or its lease is lost. */
    final class RunStopped extends RuntimeException {
        public RunStopped(String why) {
            super(why, null, false, false);
        }
    }
}
