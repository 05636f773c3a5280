package com.amdahl.connections.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.port.out.CadenceOverrides;
import com.amdahl.connections.domain.catalog.Cadence;
import org.junit.jupiter.api.Test;

/** What every {@link CadenceOverrides} must do. */
abstract class CadenceOverridesContract extends DatabaseContract {

    CadenceOverrides overrides() {
        return adapter.cadenceOverrides();
    }

    @Test
    void overrides_are_set_changed_and_cleared() {
        overrides().set("hubspot", Cadence.THIRTY_MINUTES);
        overrides().set("slack", Cadence.ONE_MINUTE);
        assertThat(overrides().all()).containsEntry("hubspot", Cadence.THIRTY_MINUTES)
                .containsEntry("slack", Cadence.ONE_MINUTE);

        overrides().set("hubspot", Cadence.ONE_DAY);
        assertThat(overrides().all()).containsEntry("hubspot", Cadence.ONE_DAY);

        overrides().set("hubspot", null);
        overrides().set("slack", null);
        overrides().set("never-set", null);
        assertThat(overrides().all()).doesNotContainKeys("hubspot", "slack", "never-set");
    }

    @Test
    void every_preset_is_storable() {
        for (Cadence cadence : Cadence.values()) {
            overrides().set("gong", cadence);
            assertThat(overrides().all()).containsEntry("gong", cadence);
        }
        overrides().set("gong", null);
    }
}
