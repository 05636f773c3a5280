package com.amdahl.connections.domain.catalog;

import java.util.List;
import java.util.Objects;

/**
 * What a person types to connect an API-key connector: one or more fields, whose values joined by
 * {@code separator} are the key the connector checks (Aircall: {@code api_id:api_token}). A form
 * builds itself from them; the key travels as one {@code api_key}.
 */
public record CredentialFields(List<Field> fields, String separator) {
    /** One field of the form; a secret one is masked and never shown again. */
    public record Field(String name, String label, boolean secret, String hint) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(label, "label");
            if (!name.matches("[a-z][a-z0-9_]*")) {
                throw new IllegalArgumentException("credential field name must be lower snake case: " + name);
            }
        }
    }

    /** The usual form: one secret {@code api_key}. */
    public static final CredentialFields API_KEY = new CredentialFields(
            List.of(new Field("api_key", "API key", true, null)), null);

    public CredentialFields {
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a credential form has at least one field");
        }
        if ((fields.size() > 1) != (separator != null && !separator.isEmpty())) {
            throw new IllegalArgumentException("several fields are joined by a separator, one field by none");
        }
    }

    /** Several fields whose values, in order and joined by {@code separator}, make the key. */
    public static CredentialFields joined(String separator, Field... fields) {
        return new CredentialFields(List.of(fields), separator);
    }
}
