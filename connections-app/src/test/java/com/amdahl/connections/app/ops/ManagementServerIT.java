package com.amdahl.connections.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Scrapes reach the request log only when probes are asked for ({@code CONNECTIONS_LOG_PROBES}). */
class ManagementServerIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void a_scrape_is_logged_only_when_asked() throws Exception {
        assertThat(scrapeLines(false)).isEmpty();
        assertThat(scrapeLines(true)).singleElement().satisfies(line -> assertThat(line).matches("GET /metrics 200 \\d+ms"));
    }

    private List<String> scrapeLines(boolean logScrapes) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("com.amdahl.connections.rest.requests");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (ManagementServer server = ManagementServer.start("127.0.0.1", 0, new Metrics(), logScrapes)) {
            HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scraped.statusCode()).isEqualTo(200);
            if (logScrapes) { // the line is written after the answer is sent
                await().atMost(Duration.ofSeconds(5)).until(() -> !appender.list.isEmpty());
            }
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        } finally {
            logger.detachAppender(appender);
        }
    }
}
