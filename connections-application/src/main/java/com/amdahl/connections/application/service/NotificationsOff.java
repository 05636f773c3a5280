package com.amdahl.connections.application.service;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.DeliverNotifications;
import com.amdahl.connections.application.port.in.ManageNotificationEndpoints;
import com.amdahl.connections.application.port.out.NotificationDelivery;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.notification.NotificationEndpoint;
import java.util.List;

/** What an application built without notification ports answers: nothing to deliver, nothing to manage. */
final class NotificationsOff implements ManageNotificationEndpoints, DeliverNotifications {

    private static ConnectionsException off() {
        return new ConnectionsException(ErrorCode.FORBIDDEN, "Notifications are not configured for this service");
    }

    @Override
    public WithSecret create(Principal principal, NewEndpoint request) {
        throw off();
    }

    @Override
    public List<NotificationEndpoint> list(Principal principal) {
        throw off();
    }

    @Override
    public NotificationEndpoint get(Principal principal, String id) {
        throw off();
    }

    @Override
    public NotificationEndpoint update(Principal principal, String id, EndpointChange change) {
        throw off();
    }

    @Override
    public void delete(Principal principal, String id) {
        throw off();
    }

    @Override
    public WithSecret rotateSecret(Principal principal, String id) {
        throw off();
    }

    @Override
    public NotificationDelivery test(Principal principal, String id) {
        throw off();
    }

    @Override
    public List<NotificationDelivery> deliveries(Principal principal, String id, String limit) {
        throw off();
    }

    @Override
    public int deliverDue(int max) {
        return 0;
    }

    @Override
    public int sweepStale(int max) {
        return 0;
    }

    @Override
    public int purgeHistory() {
        return 0;
    }

    @Override
    public long pendingCount() {
        return 0;
    }
}
