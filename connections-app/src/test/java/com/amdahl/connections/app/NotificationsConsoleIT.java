package com.amdahl.connections.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.domain.workspace.Role;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

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
        browser.driver.get(app.base + "/console");
        browser.script("sessionStorage.clear()");
        browser.driver.get(app.base + "/console");
        browser.visible("#token").sendKeys(token, Keys.ENTER);
        browser.visible("#inventory");
        browser.visible("#notifications");
    }

    @Test
    void an_admin_adds_an_endpoint_sees_its_secret_once_sends_a_test_and_reads_the_deliveries() {
        signIn(app.token("acme", "alice", Role.ADMIN, false));
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
    void a_member_is_told_that_endpoints_are_for_admins() {
        app.token("globex", "admin", Role.ADMIN, false);
        signIn(app.token("globex", "bob", Role.MEMBER, false));
        browser.await(d -> browser.find("#notifications-body").getText().contains("Only workspace admins") ? true : null);
        assertThat(browser.find("#add-endpoint").isDisplayed()).isFalse();
    }
}
