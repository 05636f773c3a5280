package com.amdahl.connections.application.service;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a host that ends in a number the way browsers and curl do (the WHATWG URL IPv4 parser, after
 * inet_aton): one to four parts, each decimal, {@code 0x} hex or leading-zero octal, the last filling
 * the remaining bytes ({@code 127.1} is 127.0.0.1, {@code 2130706433} too). Java reads {@code 0177.0.0.1}
 * as 177.0.0.1 and not {@code 0x7f000001} at all, so a target check relying on it would judge another
 * address than the one such a URL names.
 */
final class Ipv4Spelling {
    private static final BigInteger BYTE = BigInteger.valueOf(256);

    private Ipv4Spelling() {
    }

    /** The four bytes the labels spell, or empty when they are not a valid IPv4 address. */
    static Optional<byte[]> parse(String[] labels) {
        if (labels.length == 0 || labels.length > 4) {
            return Optional.empty();
        }
        BigInteger[] numbers = new BigInteger[labels.length];
        for (int i = 0; i < labels.length; i++) {
            Optional<BigInteger> number = number(labels[i]);
            if (number.isEmpty()) {
                return Optional.empty();
            }
            numbers[i] = number.get();
        }
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < numbers.length - 1; i++) {
            if (numbers[i].compareTo(BYTE) >= 0) {
                return Optional.empty();
            }
            value = value.add(numbers[i].multiply(BYTE.pow(3 - i)));
        }
        BigInteger last = numbers[numbers.length - 1];
        if (last.compareTo(BYTE.pow(5 - numbers.length)) >= 0) {
            return Optional.empty();
        }
        long address = value.add(last).longValueExact();
        return Optional.of(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8),
                (byte) address});
    }

    private static Optional<BigInteger> number(String label) {
        if (label.isEmpty()) {
            return Optional.empty();
        }
        int radix = 10;
        String digits = label;
        if (label.startsWith("0x") || label.startsWith("0X")) {
            radix = 16;
            digits = label.substring(2);
        } else if (label.length() > 1 && label.startsWith("0")) {
            radix = 8;
            digits = label.substring(1);
        }
        if (digits.isEmpty()) {
            return Optional.of(BigInteger.ZERO);
        }
        String allowed = "0123456789abcdef".substring(0, radix);
        for (char c : digits.toLowerCase(Locale.ROOT).toCharArray()) {
            if (allowed.indexOf(c) < 0) {
                return Optional.empty(); // no sign, no non-ASCII digit
            }
        }
        return Optional.of(new BigInteger(digits, radix));
    }
}
