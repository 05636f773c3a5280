package com.amdahl.connections.application.port.in;

/** The two sides of outbound notifications: admins manage endpoints; a worker delivers. */
public record Notifications(ManageNotificationEndpoints endpoints, DeliverNotifications delivery) {
}
