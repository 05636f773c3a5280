package com.amdahl.connections.domain.sync;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A person whose data is erased, named by e-mail address. A record holds the subject when its
 * payload contains that address as a whole address (case-insensitive): {@code ann@acme.com} is in
 * {@code "to":"Ann <ann@acme.com>"} but not in {@code joann@acme.com}. Suppression keeps only the
 * SHA-256 of the lower-cased address, so the list itself names nobody.
 */
public record DataSubject(String address) {
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final String LOCAL_SPECIALS = "!#$%&'*+/=?^_`{|}~.-";

    public DataSubject {
        address = address.strip().toLowerCase(Locale.ROOT);
        if (!address.chars().allMatch(c -> c < 128)) {
            throw new IllegalArgumentException("an address here is ASCII"); // what the scan in addressesIn finds
        }
    }

    /** The subject an input names, or empty when it is not one e-mail address. */
    public static Optional<DataSubject> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String candidate = raw.strip().toLowerCase(Locale.ROOT);
        Set<String> found = addressesIn(candidate);
        return found.size() == 1 && found.contains(candidate) ? Optional.of(new DataSubject(candidate)) : Optional.empty();
    }

    public String sha256() {
        return hash(address);
    }

    /** Whether {@code text} holds this address as a whole address. */
    public boolean foundIn(String text) {
        return text != null && addressesIn(text).contains(address);
    }

    /** The SHA-256 of every address in {@code text}, lower-cased. */
    public static Set<String> hashesIn(String text) {
        Set<String> hashes = new HashSet<>();
        for (String found : addressesIn(text)) {
            hashes.add(hash(found));
        }
        return hashes;
    }

    /**
     * Every address in {@code text}, lower-cased: from each {@code @}, the run of local-part
     * characters before it and of domain characters after it (a scan in linear time, whatever the
     * payload: a pattern searched from every position would be quadratic on long runs of letters).
     */
    private static Set<String> addressesIn(String text) {
        Set<String> found = new HashSet<>();
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            int from = at;
            while (from > 0 && at - from <= MAX_LOCAL && isLocal(text.charAt(from - 1))) {
                from--;
            }
            int to = at + 1;
            while (to < text.length() && to - at <= MAX_DOMAIN + 1 && isDomain(text.charAt(to))) {
                to++;
            }
            if (at - from > MAX_LOCAL || to - at > MAX_DOMAIN + 1) {
                continue; // a run longer than an address may be: not one
            }
            String local = trim(text.substring(from, at), true);
            String domain = trim(text.substring(at + 1, to), false);
            if (!local.isEmpty() && domain.indexOf('.') > 0 && !domain.contains("..") && !domain.startsWith("-")) {
                found.add((local + "@" + domain).toLowerCase(Locale.ROOT));
            }
        }
        return found;
    }

    private static boolean isLocal(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || LOCAL_SPECIALS.indexOf(c) >= 0);
    }

    private static boolean isDomain(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-');
    }

    /** Dots (and hyphens after the domain) that end a sentence or start a token are not part of the address. */
    private static String trim(String part, boolean local) {
        int start = 0;
        int end = part.length();
        while (start < end && part.charAt(start) == '.') {
            start++;
        }
        while (end > start && (part.charAt(end - 1) == '.' || (!local && part.charAt(end - 1) == '-'))) {
            end--;
        }
        return part.substring(start, end);
    }

    private static String hash(String address) {
        try {
            byte[] ascii = new byte[address.length()]; // addresses here are ASCII: their bytes are their chars
            for (int i = 0; i < ascii.length; i++) {
                ascii[i] = (byte) address.charAt(i);
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ascii));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }

    @Override
    public String toString() {
        return "DataSubject[" + sha256().substring(0, 12) + "…]"; // never the address, in a log or a message
    }
}
