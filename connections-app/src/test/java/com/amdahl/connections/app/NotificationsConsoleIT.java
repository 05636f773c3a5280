package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.domain.workspace.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/** The Notifications panel in headless Chromium: add an endpoint (secret shown once), send a test, read the log. */
class NotificationsConsoleIT {
    @TempDir
    static Path dir;

    static TestServer app;
    static Browser browser;
    static Receiver receiver;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> env = TestServer.env(dir, "http://127.0.0.1:9");
        env.remove("CONNECTIONS_CONSOLE_ORIGINS");
        env.put("CONNECTIONS_NOTIFY_ALLOW_HTTP", "true");
        env.put("CONNECTIONS_NOTIFY_ALLOW_PRIVATE", "true");
        app = new TestServer(env, SyncSettings.defaults());
        receiver = new Receiver();
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @AfterEach
    void theConsoleStayedClean() {
        assertThat(browser.problems()).as("console errors, CSP violations").isEmpty();
    }

    private void signIn(String token) {
        browser.consoleSignedOut(app.base);
        browser.signIn(token);
    }

    /** The API paths this page has fetched so far (the page's own resource timing). */
    @SuppressWarnings("unchecked")
    private List<String> requested() {
        return (List<String>) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => e.initiatorType === 'fetch').map(e => new URL(e.name).pathname)");
    }

    @Test
    void an_admin_adds_an_endpoint_sees_its_secret_once_sends_a_test_and_reads_the_deliveries() {
        signIn(app.token("acme", "alice", Role.ADMIN, false));
        browser.visible("#notifications");
        browser.visible("#add-endpoint").click();
        WebElement url = browser.visible("#notifications-form input[name='url']");
        url.sendKeys("ftp://nowhere");
        browser.find("#notifications-form button[type='submit']").click();
        assertThat(browser.visible("#notifications-form .field-error").getText()).containsIgnoringCase("url");

        url.clear();
        url.sendKeys(receiver.url() + "/hook");
        browser.find("#notifications-form button[type='submit']").click();
        String secret = browser.visible(".signing-secret").getAttribute("value");
        assertThat(secret).startsWith("whsec_");
        assertThat(browser.find("#notifications-form").getText()).contains("shown only this once");
        browser.find("#notifications-form button.primary").click();
        assertThat(browser.find("#notifications-form").getText()).isEmpty();
        assertThat(browser.driver.getPageSource()).doesNotContain(secret);

        WebElement card = browser.visible("#notifications li.card");
        assertThat(card.getText()).contains(receiver.url() + "/hook", "On");
        card.findElement(By.cssSelector("button.send-test")).click();
        browser.await(d -> card.findElement(By.cssSelector(".card-notice")).getText().contains("Test delivered") ? true : null);
        WebElement table = browser.visible("#notifications table");
        assertThat(table.getText()).contains("ping", "Delivered", "200");

        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.received().get(0).signedWith(secret)).isTrue();
        browser.screenshot("notifications-panel");
    }

    @Test
    void a_member_sees_no_panel_and_never_asks_for_the_endpoints() {
        app.token("globex", "admin", Role.ADMIN, false);
        signIn(app.token("globex", "bob", Role.MEMBER, false));
        // the token was checked (one /connections), then the page asked who this is and listed the
        // inventory (a second /connections): the panel's decision, made on the same answer, is behind it
        browser.await(d -> requested().stream().filter("/api/platform/v1/connections"::equals).count() >= 2 ? true : null);
        assertThat(requested()).contains("/api/platform/v1/me");
        // a request started before the inventory's could still be in flight: watch for a while
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                requested().stream().noneMatch(path -> path.contains("/notification-endpoints"))
                        && !browser.find("#notifications").isDisplayed());
        assertThat(browser.driver.manage().logs().get(LogType.BROWSER).getAll())
                .extracting(LogEntry::getMessage).noneMatch(message -> message.contains("403"));
    }

    @Test
    void an_admin_sees_the_panel_and_its_endpoints_are_asked_for_once() {
        signIn(app.token("initech", "carol", Role.ADMIN, false));
        browser.visible("#notifications");
        browser.await(d -> requested().contains("/api/platform/v1/notification-endpoints") ? true : null);
        assertThat(requested()).containsOnlyOnce("/api/platform/v1/me");
        assertThat(browser.visible("#add-endpoint").isDisplayed()).isTrue();
    }
}
