package com.amdahl.connections.domain.catalog;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.WireNames;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The sync cadence presets; a connector type has a default and an optional global override. */
public enum Cadence implements WireNames.Wired {
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    TEN_MINUTES("10m", Duration.ofMinutes(10)),
    THIRTY_MINUTES("30m", Duration.ofMinutes(30)),
    ONE_HOUR("1h", Duration.ofHours(1)),
    SIX_HOURS("6h", Duration.ofHours(6)),
    ONE_DAY("1d", Duration.ofDays(1));

    private final String wire;
    private final Duration interval;

    Cadence(String wire, Duration interval) {
        this.wire = wire;
        this.interval = interval;
    }

    @Override
    public String wire() {
        return wire;
    }

    public Duration interval() {
        return interval;
    }

    /** Parses a preset name, refusing anything else with {@link ErrorCode#INVALID_CADENCE}. */
    public static Cadence parse(String wire) {
        return WireNames.parse(Cadence.class, wire).orElseThrow(() -> new ConnectionsException(
                ErrorCode.INVALID_CADENCE,
                "Cadence must be one of " + Arrays.stream(values()).map(Cadence::wire)
                        .collect(Collectors.joining(", "))));
    }

    /** The cadence in force: the override when one is set, else the connector's default. */
    public static Cadence effective(Cadence defaultCadence, Cadence override) {
        return override != null ? override : defaultCadence;
    }
}
