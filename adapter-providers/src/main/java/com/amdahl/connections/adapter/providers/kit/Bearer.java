package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.application.port.out.Credentials;
import java.net.http.HttpRequest;

/** {@code Authorization: Bearer <access token>}, how most providers sign stream requests. */
public final class Bearer {
    private Bearer() {
    }

    public static HttpRequest.Builder accessToken(HttpRequest.Builder request, Credentials credentials) {
        return request.header("Authorization", "Bearer " + credentials.get(Credentials.ACCESS_TOKEN).orElse(""));
    }

    /** An API key sent as a bearer token (Pylon, Granola…). */
    public static HttpRequest.Builder apiKey(HttpRequest.Builder request, Credentials credentials) {
        return request.header("Authorization", "Bearer " + credentials.get(Credentials.API_KEY).orElse(""));
    }
}
