package com.amdahl.connections.adapter.providers.connectors.outlook;

import com.amdahl.connections.adapter.providers.kit.ConnectorContext;
import com.amdahl.connections.adapter.providers.kit.HttpCore.Response;
import com.amdahl.connections.adapter.providers.kit.HttpCore;
import com.amdahl.connections.adapter.providers.kit.Json;
import com.amdahl.connections.adapter.providers.kit.OAuthApp.ClientAuth;
import com.amdahl.connections.adapter.providers.kit.OAuthApp;
import com.amdahl.connections.adapter.providers.kit.OAuthConnector;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.domain.connection.AccountIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Outlook (personal): Microsoft identity platform OAuth; the mailbox is the account (Graph {@code /me}). */
public final class Outlook implements OAuthConnector {
    private static final OAuthApp APP = new OAuthApp("outlook", "Outlook",
            "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
            "https://login.microsoftonline.com/common/oauth2/v2.0/token", "https://graph.microsoft.com",
            List.of("offline_access", "User.Read", "Mail.Read", "Calendars.Read", "openid", "profile", "email"),
            " ", ClientAuth.FORM, true, Map.of());

    @Override
    public OAuthApp app() {
        return APP;
    }

    @Override
    public AccountIdentity identity(ConnectorContext context, JsonNode token, Credentials credentials) {
        Response r = context.expectSuccess(HttpCore.request(context.api("/v1.0/me"))
                .header("Authorization", "Bearer " + credentials.get(Credentials.ACCESS_TOKEN).orElseThrow()).GET());
        JsonNode json = r.json();
        String mailbox = json == null ? null
                : Json.text(json, "mail").or(() -> Json.text(json, "userPrincipalName")).orElse(null);
        if (mailbox == null) {
            throw context.garbage(r);
        }
        return new AccountIdentity(mailbox, mailbox);
    }
}
