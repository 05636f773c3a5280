package com.amdahl.connections.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one reading of {@code ?limit=}, for REST and MCP alike (it was an adapter's, written twice). */
class LimitsTest {
    @Test
    void limits_read_like_rest() {
        assertThat(Limits.parse(null)).isNull();
        assertThat(Limits.parse(" 7 ")).isEqualTo(7);
        assertThat(Limits.parse("99999999999999")).isEqualTo(Integer.MAX_VALUE);
        assertThat(Limits.parse("-99999999999999")).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void absent_means_the_default_and_above_the_cap_is_capped() {
        assertThat(Limits.effective(null)).isEqualTo(25);
        assertThat(Limits.effective(Limits.parse("1000"))).isEqualTo(100);
        assertThat(Limits.effective(Limits.parse("+7"))).isEqualTo(7);
    }

    @Test
    void anything_but_a_positive_integer_is_refused_naming_limit() {
        for (String forged : new String[] {"", "abc", "1.5", "0x10", "0", "-1", "7 7"}) {
            assertThatThrownBy(() -> Limits.effective(Limits.parse(forged))).as(forged)
                    .isInstanceOfSatisfying(ConnectionsException.class, refused -> {
                        assertThat(refused.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                        assertThat(refused.getMessage()).isEqualTo("limit must be a positive integer");
                        assertThat(refused.details()).isEqualTo(Map.of("limit", "must be a positive integer"));
                    });
        }
    }
}
