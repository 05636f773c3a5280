package com.amdahl.connections.domain.workspace;

import java.util.regex.Pattern;

/** The shape every external identifier must have: short, printable, no spaces or separators. */
final class Ids {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    private Ids() {
    }

    static void requireValid(String value, String what) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-128 characters of letters, digits, '.', '_', '@' or '-'");
        }
    }
}
