package com.amdahl.connections.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.testing.InMemoryPorts;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OpenApiRoutesTest {

    @Test
    void the_document_describes_exactly_the_registered_routes() throws Exception {
        Set<String> registered = new TreeSet<>();
        for (Routes.Route route : RestServer.create(new InMemoryPorts().app, RestSettings.defaults()).routes()) {
            registered.add(route.method().name() + " " + route.path());
        }
        JsonNode doc = document();
        Set<String> documented = new TreeSet<>();
        Iterator<String> paths = doc.path("paths").fieldNames();
        while (paths.hasNext()) {
            String path = paths.next();
            doc.path("paths").path(path).fieldNames()
                    .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path));
        }
        assertThat(documented).isEqualTo(registered);
    }

    @Test
    void the_document_is_openapi_3_1_and_every_reference_resolves() throws Exception {
        JsonNode doc = document();
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        Set<String> refs = new TreeSet<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }

    private static JsonNode document() throws Exception {
        try (InputStream in = Routes.class.getResourceAsStream("openapi.json")) {
            return Json.reader().readTree(in);
        }
    }
}
