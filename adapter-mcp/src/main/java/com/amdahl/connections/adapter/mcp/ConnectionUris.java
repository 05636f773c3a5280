package com.amdahl.connections.adapter.mcp;

import io.modelcontextprotocol.util.McpUriTemplateManager;
import io.modelcontextprotocol.util.McpUriTemplateManagerFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code connection://} URIs: how the SDK matches a read against the listed resources and
 * templates (the path only, so {@code ?category=}, {@code ?kind=} and {@code ?limit=} may follow),
 * and how a read URI splits into path segments and query parameters.
 */
final class ConnectionUris {
    static final String SCHEME = "connection://";

    private ConnectionUris() {
    }

    /** A read URI taken apart; {@code segments} empty when the URI is not a connection:// URI. */
    record Parsed(List<String> segments, Map<String, String> query) {
        String param(String name) {
            return query.get(name);
        }
    }

    static Parsed parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            return new Parsed(List.of(), Map.of());
        }
        String rest = uri.substring(SCHEME.length());
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        int q = rest.indexOf('?');
        String path = q >= 0 ? rest.substring(0, q) : rest;
        Map<String, String> query = new LinkedHashMap<>();
        if (q >= 0) {
            for (String pair : rest.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq >= 0 ? pair.substring(0, eq) : pair);
                String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
                query.putIfAbsent(name, value);
            }
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            segments.add(decode(segment));
        }
        return new Parsed(List.copyOf(segments), Map.copyOf(query));
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    /** Matches {@code connection://{id}/runs} against {@code connection://abc/runs?limit=5}. */
    static McpUriTemplateManagerFactory templates() {
        return PathTemplate::new;
    }

    /** A template of {@code {name}} variables over the path; the query string is not part of the match. */
    private static final class PathTemplate implements McpUriTemplateManager {
        private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
        private final List<String> names = new ArrayList<>();
        private final Pattern pattern;

        PathTemplate(String template) {
            StringBuilder regex = new StringBuilder();
            Matcher m = VARIABLE.matcher(template);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/?#]+)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(template.substring(last)));
            pattern = Pattern.compile(regex.toString());
        }

        @Override
        public List<String> getVariableNames() {
            return List.copyOf(names);
        }

        @Override
        public Map<String, String> extractVariableValues(String uri) {
            Map<String, String> values = new LinkedHashMap<>();
            if (uri == null) {
                return values;
            }
            Matcher m = pattern.matcher(pathOf(uri));
            if (m.matches()) {
                for (int i = 0; i < names.size(); i++) {
                    values.put(names.get(i), m.group(i + 1));
                }
            }
            return values;
        }

        @Override
        public boolean matches(String uri) {
            return uri != null && pattern.matcher(pathOf(uri)).matches();
        }

        @Override
        public boolean isUriTemplate(String uri) {
            return uri != null && VARIABLE.matcher(uri).find();
        }

        private static String pathOf(String uri) {
            int cut = uri.length();
            int q = uri.indexOf('?');
            int h = uri.indexOf('#');
            if (q >= 0) {
                cut = q;
            }
            if (h >= 0 && h < cut) {
                cut = h;
            }
            return uri.substring(0, cut);
        }
    }
}
