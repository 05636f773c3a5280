package com.amdahl.connections.adapter.providers.kit;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** URL building with the endpoint overrides of CONTRACT 9.15. */
public final class Endpoints {
    private Endpoints() {
    }

    /**
     * The URL of an API call: {@code CONNECTIONS_<TYPE>_API_BASE_URL} (an origin) replaces
     * {@code defaultOrigin} when set; the documented path is kept.
     */
    public static String api(ProviderSettings settings, String type, String defaultOrigin, String path) {
        String origin = settings.variable(type, "API_BASE_URL").map(Endpoints::origin).orElse(origin(defaultOrigin));
        return origin + path;
    }

    /** {@code scheme://host[:port]} of a URL, without path or trailing slash. */
    public static String origin(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute URL");
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    public static String host(String url) {
        try {
            String host = URI.create(url.trim()).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static String form(Map<String, String> params) {
        StringJoiner joiner = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v != null) {
                joiner.add(encode(k) + "=" + encode(v));
            }
        });
        return joiner.toString();
    }

    public static String withQuery(String url, Map<String, String> params) {
        String query = form(params);
        if (query.isEmpty()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + query;
    }
}
