package com.amdahl.connections.application.service;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Honours a {@code return_to} only when its origin is exactly one of the configured first-party
 * console origins (scheme, host and port); anything else is ignored (CONTRACT section 4).
 */
final class ReturnToPolicy {
    private final Set<String> origins;

    ReturnToPolicy(Set<String> origins) {
        this.origins = origins.stream().map(ReturnToPolicy::originOf).filter(o -> o != null)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The URL when it may be redirected to, else null. */
    String accept(String returnTo) {
        if (returnTo == null || returnTo.isBlank() || returnTo.length() > 2048) {
            return null;
        }
        String origin = originOf(returnTo);
        return origin != null && origins.contains(origin) ? returnTo : null;
    }

    static String originOf(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || uri.getRawUserInfo() != null) {
                return null;
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return null;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port;
        } catch (Exception malformed) {
            return null;
        }
    }

    /** Appends one query parameter to a URL, keeping any existing query and dropping a fragment. */
    static String withParameter(String url, String name, String value) {
        int hash = url.indexOf('#');
        String base = hash >= 0 ? url.substring(0, hash) : url;
        String separator = base.contains("?") ? "&" : "?";
        return base + separator + name + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
