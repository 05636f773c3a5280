package com.amdahl.connections.application.testing;

import com.amdahl.connections.application.port.out.NotificationSender;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A receiver in memory: records every POST and answers scripted responses (200 once the script is
 * used up). Hosts resolve to a public address unless {@link #resolveTo} says otherwise.
 */
public final class FakeNotificationSender implements NotificationSender {
    /** One POST as the receiver saw it. */
    public record Received(URI url, Map<String, String> headers, String body) {
    }

    private final List<Received> received = new ArrayList<>();
    private final Deque<Response> script = new ArrayDeque<>();
    private final Map<String, String> addresses = new HashMap<>();

    public synchronized void answer(Response... responses) {
        script.addAll(List.of(responses));
    }

    public synchronized void resolveTo(String host, String address) {
        addresses.put(host, address);
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public synchronized List<InetAddress> resolve(String host) {
        try {
            return List.of(InetAddress.getByName(addresses.getOrDefault(host, "93.184.216.34")));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    @Override
    public synchronized Response post(URI url, Map<String, String> headers, byte[] body) {
        received.add(new Received(url, Map.copyOf(headers), new String(body, java.nio.charset.StandardCharsets.UTF_8)));
        Response next = script.poll();
        return next == null ? new Response(200, null) : next;
    }
}
