package com.amdahl.connections.adapter.providers.kit;

/** Names of the non-secret facts a token response adds to the stored credentials. */
public final class CredentialKeys {
    public static final String INSTANCE_URL = "instance_url";
    /** The origin the provider told us to call for this grant (Salesforce instance, Gong customer host). */
    public static final String API_BASE_URL = "api_base_url";
    public static final String TEAM_ID = "team_id";
    public static final String WORKSPACE_ID = "workspace_id";
    public static final String BOT_ID = "bot_id";

    private CredentialKeys() {
    }
}
