package com.amdahl.connections.application.port.in;

/**
 * A connect request. Only {@code connectorType} is always required; the rest depends on the
 * connector's method: {@code returnTo} for OAuth, {@code apiKey} for API keys, the handle fields
 * for handle connectors. {@code scope} is a wire name or null for the catalog default.
 */
public record ConnectCommand(String connectorType, String name, String scope, String returnTo, String apiKey,
        String accountHandle, String externalAccountId, String displayName, Long followers) {

    @Override
    public String toString() {
        return "ConnectCommand[type=" + connectorType + ", name=" + name + ", scope=" + scope
                + ", apiKey=" + (apiKey == null ? "absent" : "<redacted>") + ", handle=" + accountHandle + "]";
    }
}
