package com.amdahl.connections.adapter.providers.kit;

import com.amdahl.connections.application.port.out.Credentials;
import java.net.http.HttpRequest;

/** {@code Authorization: Bearer <token>}, how most providers sign requests: the one place that spells it. */
public final class Bearer {
    private Bearer() {
    }

    /** The header value for {@code token}. */
    public static String of(String token) {
        return "Bearer " + token;
    }

    /** {@code request} with {@code token} as its bearer token. */
    public static HttpRequest.Builder token(HttpRequest.Builder request, String token) {
        return request.header("Authorization", of(token));
    }

    public static HttpRequest.Builder accessToken(HttpRequest.Builder request, Credentials credentials) {
        return token(request, credentials.get(Credentials.ACCESS_TOKEN).orElse(""));
    }

    /** An API key sent as a bearer token (Pylon, Granola…). */
    public static HttpRequest.Builder apiKey(HttpRequest.Builder request, Credentials credentials) {
        return token(request, credentials.get(Credentials.API_KEY).orElse(""));
    }
}
