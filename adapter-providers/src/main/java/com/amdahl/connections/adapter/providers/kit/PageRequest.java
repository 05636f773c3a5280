package com.amdahl.connections.adapter.providers.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request of a stream, immutable: method, a path on the stream's origin (or an absolute URL a
 * provider handed out), query, headers and an optional JSON body. Paging and cursors set
 * <em>parameters</em>, which land where {@link ParamsIn} says: the query string, the JSON body, or
 * a GraphQL body's {@code variables}.
 */
public record PageRequest(String method, String url, Map<String, String> query, Map<String, String> headers,
        ObjectNode body, ParamsIn paramsIn) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where parameters go. */
    public enum ParamsIn {
        QUERY, BODY, GRAPHQL_VARIABLES
    }

    public PageRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? null : body.deepCopy();
    }

    public static PageRequest get(String path) {
        return new PageRequest("GET", path, Map.of(), Map.of(), null, ParamsIn.QUERY);
    }

    /** A POST whose parameters are fields of the JSON body {@code json}. */
    public static PageRequest post(String path, String json) {
        return new PageRequest("POST", path, Map.of(), Map.of(), parse(json), ParamsIn.BODY);
    }

    /** A GraphQL POST of {@code query}; parameters become its variables. */
    public static PageRequest graphql(String path, String query) {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", query);
        body.putObject("variables");
        return new PageRequest("POST", path, Map.of(), Map.of(), body, ParamsIn.GRAPHQL_VARIABLES);
    }

    /** Sets a parameter; numbers stay numbers in JSON bodies. */
    public PageRequest withParam(String name, Object value) {
        if (paramsIn == ParamsIn.QUERY) {
            Map<String, String> q = new LinkedHashMap<>(query);
            q.put(name, String.valueOf(value));
            return new PageRequest(method, url, q, headers, body, paramsIn);
        }
        ObjectNode copy = body == null ? JSON.createObjectNode() : body.deepCopy();
        ObjectNode target = paramsIn == ParamsIn.BODY ? copy : (ObjectNode) copy.with("variables");
        target.set(name, JSON.valueToTree(value));
        return new PageRequest(method, url, query, headers, copy, paramsIn);
    }

    /** A parameter's current value as text. */
    public Optional<String> param(String name) {
        if (paramsIn == ParamsIn.QUERY) {
            return Optional.ofNullable(query.get(name));
        }
        JsonNode holder = paramsIn == ParamsIn.BODY ? body : (body == null ? null : body.get("variables"));
        return Json.text(holder, name);
    }

    /** Sets a field of the JSON body whatever {@link #paramsIn} says (filters, sorts…). */
    public PageRequest withBodyField(String name, JsonNode value) {
        ObjectNode copy = body == null ? JSON.createObjectNode() : body.deepCopy();
        copy.set(name, value);
        return new PageRequest(method, url, query, headers, copy, paramsIn);
    }

    public PageRequest withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new PageRequest(method, url, query, h, body, paramsIn);
    }

    /** Another path on the origin, keeping query and body (a child stream's path). */
    public PageRequest withPath(String path) {
        return new PageRequest(method, path, query, headers, body, paramsIn);
    }

    /** The next page's URL as the provider gave it (it carries its own query): the query is dropped. */
    public PageRequest withUrl(String nextUrl) {
        return new PageRequest(method, nextUrl, Map.of(), headers, body, paramsIn);
    }

    /** JSON text as an object node (stream definitions write bodies as text). */
    public static ObjectNode parse(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("a request body must be a JSON object");
            }
            return object;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A JSON value for {@link #withBodyField}. */
    public static JsonNode json(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "PageRequest[" + method + " " + url + "]"; // no query or body: they may carry cursors of private data
    }
}
