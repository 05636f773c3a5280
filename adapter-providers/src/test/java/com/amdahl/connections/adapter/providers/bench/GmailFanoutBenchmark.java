package com.amdahl.connections.adapter.providers.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.amdahl.connections.adapter.providers.StreamHarness;
import com.amdahl.connections.adapter.providers.connectors.gmail.Gmail;
import com.amdahl.connections.adapter.providers.kit.ProviderSettings;
import com.amdahl.connections.application.port.out.Credentials;
import com.amdahl.connections.application.port.out.StreamPuller.PullResult;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A driver program (not a test): Gmail's message fan-out, 2,000 ids listed in 4 pages of 500 then
 * 2,000 {@code messages.get} from a WireMock stub on 127.0.0.1 that answers each after 10 ms. Prints
 * the wall time and the longest gap between heartbeats (the sync engine's lease is 2 minutes, its
 * heartbeat interval 15 s). Run with {@code bench/fanout.sh [concurrency]} (default: the kit's default).
 */
public final class GmailFanoutBenchmark {
    private static final int MESSAGES = 2_000;
    private static final int PAGE = 500;

    private GmailFanoutBenchmark() {
    }

    public static void main(String[] args) {
        WireMockServer stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(40));
        stub.start();
        try {
            stub.stubFor(get(urlPathEqualTo("/gmail/v1/users/me/profile")).willReturn(okJson("{\"historyId\":\"1\"}")));
            for (int page = 0; page < MESSAGES / PAGE; page++) {
                String ids = IntStream.range(page * PAGE, (page + 1) * PAGE).mapToObj(i -> "{\"id\":\"m" + i + "\"}")
                        .collect(Collectors.joining(",", "[", "]"));
                String next = page + 1 < MESSAGES / PAGE ? ",\"nextPageToken\":\"p" + (page + 1) + "\"" : "";
                var list = get(urlPathEqualTo("/gmail/v1/users/me/messages"));
                list = page == 0 ? list.withQueryParam("pageToken", absent())
                        : list.withQueryParam("pageToken", equalTo("p" + page));
                stub.stubFor(list.willReturn(okJson("{\"messages\":" + ids + next + "}")));
            }
            stub.stubFor(get(urlPathMatching("/gmail/v1/users/me/messages/m[0-9]+")).willReturn(okJson(
                    "{\"id\":\"{{request.pathSegments.[5]}}\",\"threadId\":\"t\",\"labelIds\":[\"INBOX\"]}")
                    .withFixedDelay(10).withTransformers("response-template")));

            Map<String, String> env = new HashMap<>();
            env.put("CONNECTIONS_GMAIL_API_BASE_URL", "http://127.0.0.1:" + stub.port());
            if (args.length > 0) {
                env.put("CONNECTIONS_SYNC_CHILD_CONCURRENCY", args[0]);
            }
            ProviderSettings settings = ProviderSettings.of(env);
            Credentials credentials = new Credentials(Map.of(Credentials.ACCESS_TOKEN, "bench"), null);
            for (String pass : new String[] {"warm-up", "measured"}) {
                StreamHarness harness = new StreamHarness(new Gmail(), settings);
                long[] lastBeat = {System.nanoTime()};
                long[] longestGap = {0};
                harness.onHeartbeat(() -> {
                    long now = System.nanoTime();
                    longestGap[0] = Math.max(longestGap[0], now - lastBeat[0]);
                    lastBeat[0] = now;
                });
                long start = System.nanoTime();
                PullResult result = harness.pull("messages", credentials, null);
                long wall = System.nanoTime() - start;
                System.out.printf("%s: concurrency %d, %d messages written, %s, wall %.2f s, %d heartbeats, longest gap %d ms"
                        + " (lease 120 s)%n", pass, settings.childConcurrency(), result.outcome().recordsWritten(),
                        result.outcome().isFailure() ? "FAILED " + result.outcome().failure() : "succeeded",
                        wall / 1e9, harness.heartbeats, Duration.ofNanos(longestGap[0]).toMillis());
            }
        } finally {
            stub.stop();
        }
    }
}
