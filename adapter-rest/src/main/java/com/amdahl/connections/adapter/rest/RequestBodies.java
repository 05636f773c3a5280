package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.domain.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.javalin.http.Context;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Reads request bodies: at most 64 KiB, well-formed JSON, an object, strict types (no
 * coercion: a number where a string belongs is refused, naming the field), unknown fields
 * ignored, then the request record's constraints. Every bad field is listed in {@code details}.
 */
final class RequestBodies {
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Validator VALIDATOR;

    static {
        // The parameter interpolator keeps Expression Language off the request path.
        ValidatorFactory factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        VALIDATOR = factory.getValidator();
    }

    private RequestBodies() {
    }

    /** POST /connections. */
    record ConnectRequest(
            @NotBlank @Size(max = 64) String connectorType,
            @Size(min = 1, max = 200) String name,
            @Pattern(regexp = "business|personal", message = "must be business or personal") String scope,
            @Size(max = 2048) String returnTo,
            @Size(max = 4096) String apiKey,
            @Size(max = 101) String accountHandle,
            @Size(max = 128) String externalAccountId,
            @Size(max = 200) String displayName,
            @PositiveOrZero Long followers) {
    }

    /** POST /connections/:id/reconnect; the body is optional. */
    record ReconnectRequest(@Size(max = 4096) String apiKey, @Size(max = 2048) String returnTo) {
    }

    /**
     * PATCH /connections/:id. {@code ownerMentioned} tells "owner_user_id" absent (leave it)
     * from present; present with null means clear it.
     */
    record UpdateRequest(@Size(min = 1, max = 200) String name, boolean ownerMentioned,
            @Size(min = 1, max = 128) String ownerUserId) {
    }

    /** POST /connections/:id/sync; the body is optional, {@code full_refresh} and {@code confirm_deletes} booleans when present. */
    record SyncRequest(boolean fullRefresh, boolean confirmDeletes) {
    }

    /** PUT /api/admin/connector-cadence/:type; {@code cadence} null clears the override. */
    record CadenceRequest(@Size(max = 16) String cadence) {
    }

    /** PUT /connections/:id/knowledge-sync. */
    record KnowledgeSyncRequest(@Size(max = 200) String databaseId, @Size(max = 16) String policy,
            @Size(max = 200) String tagsProperty, @Size(max = 200) String updatedProperty) {
    }

    static KnowledgeSyncRequest knowledgeSync(Context ctx) {
        JsonNode body = read(ctx);
        Map<String, Object> problems = new LinkedHashMap<>();
        KnowledgeSyncRequest request = new KnowledgeSyncRequest(text(body, "database_id", problems),
                text(body, "policy", problems), text(body, "tags_property", problems),
                text(body, "updated_property", problems));
        return validated(request, problems);
    }

    static ConnectRequest connect(Context ctx) {
        JsonNode body = read(ctx);
        Map<String, Object> problems = new LinkedHashMap<>();
        ConnectRequest request = new ConnectRequest(text(body, "connector_type", problems),
                text(body, "name", problems), text(body, "scope", problems), text(body, "return_to", problems),
                text(body, "api_key", problems), text(body, "account_handle", problems),
                text(body, "external_account_id", problems), text(body, "display_name", problems),
                integer(body, "followers", problems));
        return validated(request, problems);
    }

    static ReconnectRequest reconnect(Context ctx) {
        JsonNode body = read(ctx);
        Map<String, Object> problems = new LinkedHashMap<>();
        ReconnectRequest request = new ReconnectRequest(text(body, "api_key", problems),
                text(body, "return_to", problems));
        return validated(request, problems);
    }

    static UpdateRequest update(Context ctx) {
        JsonNode body = read(ctx);
        Map<String, Object> problems = new LinkedHashMap<>();
        UpdateRequest request = new UpdateRequest(text(body, "name", problems), body.has("owner_user_id"),
                text(body, "owner_user_id", problems));
        return validated(request, problems);
    }

    static SyncRequest sync(Context ctx) {
        JsonNode body = read(ctx);
        Map<String, Object> problems = new LinkedHashMap<>();
        SyncRequest request = new SyncRequest(Boolean.TRUE.equals(bool(body, "full_refresh", problems)),
                Boolean.TRUE.equals(bool(body, "confirm_deletes", problems)));
        return validated(request, problems);
    }

    /** POST /records/erasure: {@code {"subject": "<email address>"}}; the address is checked by the use case. */
    record ErasureRequest(@NotBlank(message = "is required (one e-mail address)") @Size(max = 254) String subject) {
    }

    static String erasure(Context ctx) {
        JsonNode body = read(ctx);
        Map<String, Object> problems = new LinkedHashMap<>();
        return validated(new ErasureRequest(text(body, "subject", problems)), problems).subject();
    }

    static CadenceRequest cadence(Context ctx) {
        JsonNode body = read(ctx);
        Map<String, Object> problems = new LinkedHashMap<>();
        if (!body.has("cadence")) {
            problems.put("cadence", "is required (a preset, or null to clear the override)");
        }
        CadenceRequest request = new CadenceRequest(text(body, "cadence", problems));
        return validated(request, problems);
    }

    // ---- reading --------------------------------------------------------------------------

    private static final String PARSED = RequestBodies.class.getName() + ".parsed";

    /** The body as a JSON object; an empty body reads as {@code {}}. Parsed once per request. */
    static JsonNode read(Context ctx) {
        JsonNode cached = ctx.attribute(PARSED);
        if (cached != null) {
            return cached;
        }
        byte[] bytes = limitedBody(ctx);
        JsonNode node;
        if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            node = Json.reader().createObjectNode();
        } else {
            try {
                node = Json.reader().readTree(bytes);
            } catch (JsonProcessingException malformed) {
                throw new ApiError(ErrorCode.INVALID_JSON, "The request body is not valid JSON");
            } catch (IOException unreadable) {
                throw new ApiError(ErrorCode.INVALID_JSON, "The request body could not be read");
            }
            if (node == null || node.isMissingNode()) {
                node = Json.reader().createObjectNode();
            }
        }
        if (!node.isObject()) {
            throw new ApiError(ErrorCode.VALIDATION_FAILED, "The request body must be a JSON object",
                    Map.of("body", "must be a JSON object"));
        }
        ctx.attribute(PARSED, node);
        return node;
    }

    private static byte[] limitedBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException unreadable) {
            throw new ApiError(ErrorCode.INVALID_JSON, "The request body could not be read");
        }
    }

    static ApiError tooLarge() {
        return new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than 64 KiB",
                Map.of("max_bytes", MAX_BODY_BYTES));
    }

    private static String text(JsonNode body, String field, Map<String, Object> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.getNodeType() != JsonNodeType.STRING) {
            problems.put(field, "must be a string");
            return null;
        }
        return value.textValue();
    }

    private static Boolean bool(JsonNode body, String field, Map<String, Object> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            problems.put(field, "must be a boolean");
            return null;
        }
        return value.booleanValue();
    }

    private static Long integer(JsonNode body, String field, Map<String, Object> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problems.put(field, "must be an integer");
            return null;
        }
        return value.longValue();
    }

    private static <T> T validated(T request, Map<String, Object> problems) {
        Set<ConstraintViolation<T>> violations = VALIDATOR.validate(request);
        for (ConstraintViolation<T> violation : violations) {
            String field = snake(violation.getPropertyPath().iterator().next().getName());
            problems.putIfAbsent(field, violation.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new ApiError(ErrorCode.VALIDATION_FAILED, "The request has invalid fields: "
                    + String.join(", ", new java.util.TreeSet<>(problems.keySet())), problems);
        }
        return request;
    }

    static String snake(String camel) {
        StringBuilder out = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                out.append('_').append(Character.toLowerCase(ch));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
