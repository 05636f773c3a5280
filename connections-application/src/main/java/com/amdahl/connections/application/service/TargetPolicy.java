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
    /** A label that makes the host an IPv4 address (WHATWG URL "ends in a number"): decimal or 0x-hex. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");

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
        // URI accepts any digits as a port; port 0 or one past 65535 could never be delivered to
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            return Optional.of("must have a port between 1 and 65535");
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
        // "localhost." is the same name as "localhost" (the root is implied), and so for every name
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        if (name.startsWith("[")) {
            try {
                return isInternal(InetAddress.getByName(name)); // a literal: parsed, never looked up
            } catch (UnknownHostException malformed) {
                return true;
            }
        }
        String[] labels = name.split("\\.", -1);
        if (!NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            return false; // a name: judged on what it resolves to, at every delivery
        }
        // A host whose last label is a number is an IPv4 address to browsers, curl and most resolvers,
        // in any of the inet_aton spellings (0x7f000001, 2130706433, 0177.0.0.1, 127.1) — while Java
        // reads some of them differently or not at all. No real name ends in a number, so it is judged
        // as the address those clients would reach, and refused when it is not a valid address at all.
        Optional<byte[]> address = Ipv4Spelling.parse(labels);
        if (address.isEmpty()) {
            return true;
        }
        try {
            return isInternal(InetAddress.getByAddress(address.get()));
        } catch (UnknownHostException impossible) {
            return true;
        }
    }

    private static boolean zeros(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInternalV4(byte a, byte b, byte c, byte d) {
        try {
            return isInternal(InetAddress.getByAddress(new byte[] {a, b, c, d}));
        } catch (UnknownHostException impossible) {
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
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            // an IPv4 address inside IPv6 reaches that IPv4 address: IPv4-compatible ::a.b.c.d (Java
            // already unwraps the mapped ::ffff:a.b.c.d), NAT64 64:ff9b::/96 and 6to4 2002::/16
            if (zeros(b, 0, 12) || (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && zeros(b, 4, 12))) {
                return isInternalV4(b[12], b[13], b[14], b[15]);
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return isInternalV4(b[2], b[3], b[4], b[5]);
            }
        }
        return false;
    }
}
