package com.amdahl.connections.application.port.out;

import java.util.function.Supplier;

/**
 * Runs work in one transaction: every repository call inside sees and writes the same
 * transaction, and nothing is kept when the work throws.
 */
public interface UnitOfWork {
    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
