package com.amdahl.connections.domain;

import java.util.Optional;

/** Looks enum constants up by the lower-case names they carry on the wire. */
public final class WireNames {
    private WireNames() {
    }

    /** Implemented by every enum that appears in JSON. */
    public interface Wired {
        String wire();
    }

    public static <E extends Enum<E> & Wired> Optional<E> parse(Class<E> type, String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(wire)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /** The default wire name of a constant: its name in lower case (computed once per enum type). */
    public static String of(Enum<?> constant) {
        return LOWER_CASE_NAMES.get(constant.getDeclaringClass())[constant.ordinal()];
    }

    private static final ClassValue<String[]> LOWER_CASE_NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] names = new String[constants.length];
            for (int i = 0; i < constants.length; i++) {
                names[i] = ((Enum<?>) constants[i]).name().toLowerCase(java.util.Locale.ROOT);
            }
            return names;
        }
    };
}
