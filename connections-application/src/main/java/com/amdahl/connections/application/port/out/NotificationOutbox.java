package com.amdahl.connections.application.port.out;

import com.amdahl.connections.domain.notification.NotificationEndpointId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.List;

/**
 * The outbox of notifications: written in the unit of work of the change that caused them, read by
 * delivery workers in any process. A worker claims a delivery with a lease (a conditional write,
 * so two workers never hold one delivery) and only the oldest pending delivery of each endpoint
 * and connection can be claimed, so those go out one at a time, in order.
 */
public interface NotificationOutbox {
    void enqueue(NotificationDelivery delivery);

    /**
     * Claims up to {@code limit} due deliveries (pending, next attempt reached, endpoint enabled,
     * first in their endpoint-and-connection queue, not leased by a live lease) for {@code owner}
     * until {@code leaseUntil}.
     */
    List<NotificationDelivery> claimDue(Instant now, String owner, Instant leaseUntil, int limit);

    /**
     * Records an attempt of a claimed delivery and releases the lease: {@code state} delivered,
     * failed, or pending again with {@code nextAttemptAt}. False when the lease was lost meanwhile.
     */
    boolean recordAttempt(String deliveryId, String owner, NotificationDelivery.State state, Integer statusCode,
            String error, Instant nextAttemptAt, Instant now);

    /** The endpoint's deliveries, newest first. */
    List<NotificationDelivery> recent(WorkspaceId workspaceId, NotificationEndpointId endpointId, int limit);

    /** Deletes up to {@code limit} delivered or failed deliveries finished before {@code cutoff}; answers how many. */
    int purgeFinishedBefore(Instant cutoff, int limit);

    /** Deliveries still pending, across every workspace. */
    long pendingCount();
}
