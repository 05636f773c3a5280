package com.amdahl.connections.domain.sync;

/**
 * The mass-delete guard: a reconciliation that would delete more than {@code maxShare} of a
 * stream's live records, and more than {@code minRows} of them, applies none (a listing that came
 * back short — a revoked scope, a provider outage answering empty pages — must never empty the
 * store). Defaults: 20% and 50 rows.
 */
public record DeleteGuard(double maxShare, long minRows) {
    public static final DeleteGuard DEFAULT = new DeleteGuard(0.20, 50);

    public DeleteGuard {
        if (!(maxShare >= 0 && maxShare <= 1)) {
            throw new IllegalArgumentException("the guard's share must be between 0 and 1");
        }
        if (minRows < 0) {
            throw new IllegalArgumentException("the guard's row count must not be negative");
        }
    }

    /** Whether deleting {@code deletes} of {@code live} records in one pass is more than the guard allows. */
    public boolean holds(long deletes, long live) {
        return deletes > minRows && deletes > maxShare * live;
    }
}
