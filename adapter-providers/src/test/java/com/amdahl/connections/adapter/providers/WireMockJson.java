package com.amdahl.connections.adapter.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

final class WireMockJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireMockJson() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
