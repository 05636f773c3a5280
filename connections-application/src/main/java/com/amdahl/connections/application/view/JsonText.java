package com.amdahl.connections.application.view;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * The one JSON writer of every surface: compact text, maps in their iteration order, strings
 * escaped as RFC 8259 requires (and nothing more), nulls written. REST bodies and MCP resource
 * contents are this text, so the two are byte-for-byte equal.
 *
 * <p>Accepts the trees {@link JsonShapes} builds: {@link Map} with string keys, {@link Iterable},
 * {@link String}, {@link Number}, {@link Boolean} and null. Anything else is a programming error.
 */
public final class JsonText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonText() {
    }

    /**
     * JSON text written as it is: a stored record's payload, which the sink received as the
     * provider's JSON. Re-parsing megabytes of it to write them again would only cost time.
     */
    public record Raw(String json) {
        public Raw {
            java.util.Objects.requireNonNull(json, "json");
        }
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder(1024);
        append(out, value);
        return out.toString();
    }

    private static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Number n) {
            number(out, n);
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON object keys must be strings: " + entry.getKey());
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, key);
                out.append(':');
                append(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                append(out, item);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void number(StringBuilder out, Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger) {
            out.append(n);
        } else if (n instanceof BigDecimal d) {
            out.append(d.toString());
        } else if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                string(out, n.toString()); // JSON has no NaN or Infinity
            } else {
                out.append(n);
            }
        } else {
            throw new IllegalArgumentException("not a JSON number: " + n.getClass().getName());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        int clean = 0; // runs of characters that need no escaping are copied in one append
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, clean, i);
            clean = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(s, clean, s.length());
        out.append('"');
    }
}
