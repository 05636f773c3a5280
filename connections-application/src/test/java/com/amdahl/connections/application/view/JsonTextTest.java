package com.amdahl.connections.application.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void maps_keep_their_order_and_nulls_are_written() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 1);
        map.put("a", null);
        map.put("m", List.of(true, false, "x"));
        map.put("n", new LinkedHashMap<>());
        assertThat(JsonText.write(map)).isEqualTo("{\"z\":1,\"a\":null,\"m\":[true,false,\"x\"],\"n\":{}}");
    }

    @Test
    void strings_escape_quotes_backslashes_and_control_characters_only() {
        assertThat(JsonText.write("a\"b\\c/d\n\r\t\b\f\u0001\u001fé€😀"))
                .isEqualTo("\"a\\\"b\\\\c/d\\n\\r\\t\\b\\f\\u0001\\u001Fé€😀\"");
    }

    @Test
    void numbers_are_written_plainly() {
        assertThat(JsonText.write(Arrays.asList(1, 2L, 4200L, 1.5, new BigDecimal("10.25"), null)))
                .isEqualTo("[1,2,4200,1.5,10.25,null]");
        assertThat(JsonText.write(Double.NaN)).isEqualTo("\"NaN\"");
    }

    @Test
    void anything_that_is_not_a_json_tree_is_refused() {
        assertThatThrownBy(() -> JsonText.write(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonText.write(Map.of(1, "x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
