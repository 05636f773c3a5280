package com.amdahl.connections.domain.sync;

import com.amdahl.connections.domain.WireNames;

/**
 * Why a run (or one of its streams) failed, bucketed. Declared from most to least severe: when
 * streams fail for different reasons the run reports the most severe one.
 */
public enum ErrorReason implements WireNames.Wired {
    AUTH, CONFIG, RATE_LIMIT, TRANSIENT, UNKNOWN;

    @Override
    public String wire() {
        return WireNames.of(this);
    }

    public static ErrorReason worst(ErrorReason a, ErrorReason b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
