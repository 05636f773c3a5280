package com.amdahl.connections.adapter.providers;

import com.amdahl.connections.adapter.providers.kit.ProviderFailures;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.sync.ErrorReason;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One WireMock server on 127.0.0.1 per test class; provider endpoints point at it via the env overrides. */
public abstract class WireMockSupport {
    public static final Duration TEST_TIMEOUT = Duration.ofMillis(1500);
    public static final int SLOWER_THAN_TIMEOUT_MS = 3000;

    protected static WireMockServer wm;

    @BeforeAll
    public static void startWireMock() {
        wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(12));
        wm.start();
    }

    @AfterAll
    public static void stopWireMock() {
        wm.stop();
    }

    @BeforeEach
    public void resetStubs() {
        wm.resetAll();
    }

    public static String base() {
        return "http://127.0.0.1:" + wm.port();
    }

    public static ProviderSettings testSettings(Map<String, String> env) {
        return ProviderSettings.of(env).withTimeouts(Duration.ofSeconds(2), TEST_TIMEOUT)
                .withRetries(1, Duration.ofMillis(5));
    }

    /** Runs the call, expects a ConnectionsException of the code and reason, and that no secret leaks. */
    static ConnectionsException expectFailure(ThrowingCallable call, ErrorCode code, ErrorReason reason,
            String... secrets) {
        ConnectionsException e = catchThrowableOfType(ConnectionsException.class, call);
        assertThat(e).as("expected a ConnectionsException").isNotNull();
        assertThat(e.code()).isEqualTo(code);
        if (reason != null) {
            assertThat(ProviderFailures.of(e)).as("classified failure").isPresent();
            assertThat(ProviderFailures.of(e).orElseThrow().reason()).isEqualTo(reason);
        }
        for (String secret : secrets) {
            assertThat(e.getMessage()).doesNotContain(secret);
            assertThat(String.valueOf(e.details())).doesNotContain(secret);
        }
        return e;
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
