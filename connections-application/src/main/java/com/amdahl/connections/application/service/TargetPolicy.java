package com.amdahl.connections.application.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where notifications may go: {@code https} URLs on public addresses. Checked when an endpoint is
 * saved (syntax, scheme, literal addresses, {@code localhost}) and again before every delivery on
 * the addresses the host resolves to then, so a name that later points inward (DNS rebinding) is
 * refused too. {@code allowHttp} / {@code allowPrivate} lift the two rules for tests and local setups.
 */
final class TargetPolicy {
    static final int MAX_URL_LENGTH = 2048;
    private static final Pattern IPV4_LITERAL = Pattern.compile("[0-9.]+");

    private final boolean allowHttp;
    private final boolean allowPrivate;

    TargetPolicy(boolean allowHttp, boolean allowPrivate) {
        this.allowHttp = allowHttp;
        this.allowPrivate = allowPrivate;
    }

    /** Why the URL may not be an endpoint, or empty when it may. */
    Optional<String> refusal(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException malformed) {
            return Optional.of("must be an absolute https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            return Optional.of(allowHttp ? "must be an http or https URL" : "must be an https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Optional.of("must be an absolute URL with a host, without user info or fragment");
        }
        if (!allowPrivate && isInternalHost(uri.getHost())) {
            return Optional.of("must not point at a loopback, link-local or private address");
        }
        return Optional.empty();
    }

    /** Why these resolved addresses may not be delivered to, or empty when they may. */
    Optional<String> refusal(List<InetAddress> resolved) {
        if (resolved.isEmpty()) {
            return Optional.of("the host does not resolve");
        }
        if (!allowPrivate && resolved.stream().anyMatch(TargetPolicy::isInternal)) {
            return Optional.of("the host resolves to a loopback, link-local or private address");
        }
        return Optional.empty();
    }

    private static boolean isInternalHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        boolean literal = name.startsWith("[") || IPV4_LITERAL.matcher(name).matches();
        if (!literal) {
            return false; // a name: judged on what it resolves to, at every delivery
        }
        try {
            return isInternal(InetAddress.getByName(name)); // a literal: parsed, never looked up
        } catch (UnknownHostException malformed) {
            return true;
        }
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return false;
    }
}
