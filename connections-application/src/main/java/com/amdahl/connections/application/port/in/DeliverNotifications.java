package com.amdahl.connections.application.port.in;

/** What a notification worker drives; any number of processes may drive it against one database. */
public interface DeliverNotifications {
    /** Claims and sends up to {@code max} due deliveries; answers how many were attempted. */
    int deliverDue(int max);

    /** Announces connections that turned {@code stale} by the passage of time; answers how many. */
    int sweepStale(int max);

    /** Deletes delivery records finished more than 30 days ago; answers how many. */
    int purgeHistory();

    /** Deliveries waiting to go out, across every workspace. */
    long pendingCount();
}
