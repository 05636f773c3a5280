package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.application.view.JsonText;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * JSON in and out of the REST adapter. Answers are written by the application's {@link JsonText}
 * from the trees of {@code JsonShapes}, the same writer MCP uses; Jackson only parses request
 * bodies (strictly: no comments, no duplicate keys, no trailing tokens, no scalar coercion).
 */
final class Json {
    private static final ObjectMapper READER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private Json() {
    }

    /** The parser of request bodies. */
    static ObjectMapper reader() {
        return READER;
    }

    /** What {@code ctx.json(...)} writes with: the shared canonical writer. */
    static io.javalin.json.JsonMapper javalinWriter() {
        return new io.javalin.json.JsonMapper() {
            @Override
            public String toJsonString(Object value, Type type) {
                return JsonText.write(value);
            }

            @Override
            public InputStream toJsonStream(Object value, Type type) {
                return new ByteArrayInputStream(JsonText.write(value).getBytes(StandardCharsets.UTF_8));
            }
        };
    }
}
