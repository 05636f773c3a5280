package com.amdahl.connections.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.amdahl.connections.application.SyncSettings;
import com.amdahl.connections.domain.workspace.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The Connections page in headless Chromium against the real app: H2 on disk, the real providers
 * pointed at WireMock (Pipedrive, HubSpot's OAuth and API, X), and the scheduler ticking fast in
 * the background. Each test signs in to a workspace of its own.
 */
class ConsoleIT {
    private static final String V1 = "/api/platform/v1";
    private static final String KEY = "pd-key";
    private static final String SLOW_KEY = "pd-slow-key";
    private static final String REVOKED_KEY = "pd-revoked-key";
    private static final String AVATAR = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmci"
            + "IHZpZXdCb3g9IjAgMCA0MCA0MCI+PHJlY3Qgd2lkdGg9IjQwIiBoZWlnaHQ9IjQwIiBmaWxsPSIjMWQ5YmYwIi8+PC9zdmc+";
    private static final AtomicInteger WORKSPACES = new AtomicInteger();

    @TempDir
    static Path dir;
    static WireMockServer provider;
    static TestServer app;
    static Browser browser;

    String workspace;
    String token;

    @BeforeAll
    static void start() {
        provider = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        provider.start();
        String providerBase = "http://127.0.0.1:" + provider.port();
        Map<String, String> env = TestServer.env(dir, providerBase);
        env.remove("CONNECTIONS_CONSOLE_ORIGINS"); // the page's own origin (the public URL's) is the console origin
        env.put("CONNECTIONS_TWITTER_BEARER_TOKEN", "x-bearer");
        env.put("CONNECTIONS_TWITTER_API_BASE_URL", providerBase);
        env.put("CONNECTIONS_NOTION_KNOWLEDGE_SYNC_CLIENT_ID", "nks-client");
        env.put("CONNECTIONS_NOTION_KNOWLEDGE_SYNC_CLIENT_SECRET", "nks-SECRET");
        env.put("CONNECTIONS_NOTION_KNOWLEDGE_SYNC_TOKEN_URL", providerBase + "/v1/oauth/token");
        env.put("CONNECTIONS_NOTION_KNOWLEDGE_SYNC_API_BASE_URL", providerBase);
        env.put("CONNECTIONS_KNOWLEDGE_DIR", dir.resolve("knowledge").toString());
        app = new TestServer(env, SyncSettings.defaults());
        app.tickEvery(Duration.ofMillis(150));
        stubProviders();
        stubNotion();
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
        if (provider != null) {
            provider.stop();
        }
    }

    @BeforeEach
    void freshWorkspace() {
        workspace = "ws" + WORKSPACES.incrementAndGet();
        token = app.token(workspace, "alice", Role.ADMIN, false);
        browser.consoleSignedOut(app.base);
    }

    @AfterEach
    void theConsoleStayedClean() {
        assertThat(browser.problems()).as("console errors, CSP violations").isEmpty();
    }

    private static void stubProviders() {
        for (String key : new String[] {KEY, SLOW_KEY, REVOKED_KEY}) {
            provider.stubFor(get(urlPathEqualTo("/v1/users/me")).withHeader("x-api-token", equalTo(key)).willReturn(okJson(
                    "{\"success\":true,\"data\":{\"id\":1,\"company_id\":777,\"company_name\":\"Acme Ltd\"}}")));
        }
        provider.stubFor(get(urlPathEqualTo("/v1/users/me")).withHeader("x-api-token", equalTo("wrong")).willReturn(
                aResponse().withStatus(401).withBody("{\"success\":false,\"error\":\"unauthorized access\"}")));
        String page = "{\"success\":true,\"data\":[{\"id\":1},{\"id\":2}],"
                + "\"additional_data\":{\"pagination\":{\"more_items_in_collection\":false}}}";
        for (String stream : new String[] {"persons", "deals", "organizations", "activities"}) {
            provider.stubFor(get(urlPathEqualTo("/v1/" + stream)).atPriority(5).willReturn(okJson(page)));
        }
        // The revoked key still names its company, but the API refuses it when a run pulls.
        for (String stream : new String[] {"persons", "deals", "organizations", "activities"}) {
            provider.stubFor(get(urlPathEqualTo("/v1/" + stream)).atPriority(1).withHeader("x-api-token", equalTo(REVOKED_KEY))
                    .willReturn(aResponse().withStatus(401).withBody("{\"success\":false}")));
        }
        // The slow key's first stream takes long enough for the page to see the first sync running.
        provider.stubFor(get(urlPathEqualTo("/v1/persons")).atPriority(1).withHeader("x-api-token", equalTo(SLOW_KEY))
                .willReturn(okJson(page).withFixedDelay(4_000)));

        PipedriveStub.deletedDeals(provider, ""); // no deal deleted
        provider.stubFor(post(urlPathEqualTo("/oauth/v1/token")).willReturn(
                okJson("{\"access_token\":\"hs-access\",\"refresh_token\":\"hs-refresh\",\"expires_in\":1800}")));
        provider.stubFor(get(urlPathEqualTo("/oauth/v1/access-tokens/hs-access")).willReturn(okJson(
                "{\"hub_id\":4242,\"hub_domain\":\"acme.hubspot.com\",\"user\":\"ada@acme.com\",\"expires_in\":1800}")));
        provider.stubFor(get(urlPathMatching("/crm/v3/(objects/.*|owners)")).atPriority(1)
                .withQueryParam("archived", equalTo("true")).willReturn(okJson("{\"results\":[]}"))); // nothing archived
        provider.stubFor(get(urlPathMatching("/crm/v3/(objects/.*|owners)")).willReturn(
                okJson("{\"results\":[{\"id\":\"1\"},{\"id\":\"2\"},{\"id\":\"3\"}]}")));

        provider.stubFor(get(urlPathEqualTo("/2/users/by/username/acme")).willReturn(okJson("{\"data\":{\"id\":\"1234567890\","
                + "\"username\":\"acme\",\"name\":\"Acme Inc\",\"profile_image_url\":\"" + AVATAR + "\","
                + "\"public_metrics\":{\"followers_count\":4200}}}")));
        provider.stubFor(get(urlPathEqualTo("/2/users/by/username/nobody")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[{\"title\":\"Not Found Error\"}]}")));
    }

    private static void stubNotion() {
        String database = "{\"object\":\"database\",\"id\":\"db-1\",\"title\":[{\"plain_text\":\"Handbook\"}],"
                + "\"properties\":{\"Name\":{\"type\":\"title\",\"title\":{}},\"Tags\":{\"type\":\"multi_select\",\"multi_select\":{}}}}";
        provider.stubFor(post(urlPathEqualTo("/v1/oauth/token")).willReturn(okJson("{\"access_token\":\"ntn-access\","
                + "\"token_type\":\"bearer\",\"bot_id\":\"b-1\",\"workspace_name\":\"Acme Docs\",\"workspace_id\":\"ws-1\"}")));
        provider.stubFor(post(urlPathEqualTo("/v1/search")).willReturn(okJson(
                "{\"object\":\"list\",\"results\":[" + database + "],\"next_cursor\":null,\"has_more\":false}")));
        provider.stubFor(get(urlPathEqualTo("/v1/databases/db-1")).willReturn(okJson(database)));
        provider.stubFor(post(urlPathEqualTo("/v1/pages")).withRequestBody(containing("\"One\""))
                .willReturn(okJson("{\"object\":\"page\",\"id\":\"page-one\"}")));
        provider.stubFor(post(urlPathEqualTo("/v1/pages")).withRequestBody(containing("\"Two\""))
                .willReturn(okJson("{\"object\":\"page\",\"id\":\"page-two\"}")));
    }

    /** The provider's authorize page, answering at once as if the person approved (or declined). */
    private static void authorizeAnswers(String result) {
        provider.stubFor(get(urlPathEqualTo("/oauth/authorize")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "{{{request.query.redirect_uri}}}?" + result + "&state={{{request.query.state}}}")
                .withTransformers("response-template")));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private void signIn() {
        browser.signIn(token);
    }

    private WebElement card(String id) {
        return browser.card(id);
    }

    private WebElement cardNamed(String name) {
        return browser.await(d -> d.findElements(By.cssSelector("li.card")).stream()
                .filter(li -> li.findElement(By.tagName("h3")).getText().equals(name)).findFirst().orElse(null));
    }

    private void clickAction(String id, String action) {
        browser.clickAction(id, action);
    }

    private void awaitHealth(String id, String health) {
        browser.waiting(Duration.ofSeconds(20)).until(d -> health.equals(card(id).getAttribute("data-health")));
    }

    private WebElement openPicker() {
        browser.find("#add-connection").click();
        return browser.visible("#connect-dialog .tile[data-type='pipedrive']");
    }

    private String connectViaApi(String key, String name) {
        TestServer.Answer created = app.post(V1 + "/connections", token,
                "{\"connector_type\":\"pipedrive\",\"api_key\":\"" + key + "\",\"name\":\"" + name + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.json().at("/connection/id").asText();
    }

    private void awaitFirstRun(String id) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode status = app.get(V1 + "/connections/" + id + "/status", token).json();
            if ("completed".equals(status.at("/last_run/status").asText())) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError("the first run of " + id + " did not complete");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String flashText() {
        return browser.visible("#flash").getText();
    }

    // ---- tests ----------------------------------------------------------------------------------

    @Test
    void signs_in_with_a_pasted_token_kept_in_session_storage_and_signs_out() {
        WebElement field = browser.visible("#token");
        assertThat(field.getAttribute("type")).isEqualTo("password");
        field.sendKeys("not-a-token", Keys.ENTER);
        assertThat(browser.visible("#token-error").getText()).contains("not valid");
        assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);

        field.clear();
        signIn();
        assertThat(browser.visible("#inventory-empty").getText()).contains("Nothing is connected yet");
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(app.base + "/console").doesNotContain(token);
        assertThat(browser.script("return Object.values(sessionStorage)")).isEqualTo(List.of(token));
        assertThat(browser.active().getAttribute("id")).as("focus moves to the inventory").isEqualTo("inventory-title");

        browser.find("#sign-out").click();
        browser.visible("#sign-in");
        assertThat(browser.find("#inventory").isDisplayed()).isFalse();
        assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
        assertThat(browser.active().getAttribute("id")).isEqualTo("token");
    }

    @Test
    void the_picker_groups_every_connector_by_category_and_disables_the_ones_that_cannot_connect() {
        signIn();
        openPicker();
        List<String> categories = browser.all("#connect-dialog section.category h3").stream()
                .map(h3 -> h3.getAttribute("textContent")).toList();
        assertThat(categories).containsExactly("CRM", "Calls and meetings", "Mail and chat", "Docs", "Support", "Social");
        assertThat(browser.all("#connect-dialog .tile")).hasSize(18);

        WebElement circleback = browser.find(".tile[data-type='circleback']");
        assertThat(circleback.isEnabled()).isFalse();
        assertThat(circleback.getText()).contains("Circleback", "Coming soon");
        WebElement salesforce = browser.find(".tile[data-type='salesforce']");
        assertThat(salesforce.isEnabled()).isFalse();
        assertThat(salesforce.getText()).contains("Not configured in this environment");
        WebElement hubspot = browser.find(".tile[data-type='hubspot']");
        assertThat(hubspot.isEnabled()).isTrue();
        assertThat(hubspot.getText()).contains("HubSpot", "OAuth sign-in", "Workspace").doesNotContain("Coming soon");
        assertThat(browser.find(".tile[data-type='pipedrive']").getText()).contains("API key");
        assertThat(browser.find(".tile[data-type='gmail']").getText()).contains("Personal");
        assertThat(browser.find(".tile[data-type='twitter']").getText()).contains("Public handle");
        assertThat(browser.find(".tile[data-type='notion_knowledge_sync']").getText()).contains("Outbound");
        browser.screenshot("picker");

        browser.find(".tile[data-type='fireflies']").click();
        assertThat(browser.visible("#connect-dialog .note").getText()).contains("Business");
        assertThat(browser.find("#connect-dialog input[name='api_key']").getAttribute("type")).isEqualTo("password");
        browser.find("#connect-dialog .back").click();
        browser.find(".tile[data-type='aircall']").click();
        assertThat(browser.visible("#connect-dialog input[name='api_id']").isDisplayed()).isTrue();
        assertThat(browser.find("#connect-dialog input[name='api_token']").getAttribute("type")).isEqualTo("password");
    }

    @Test
    void the_picker_and_its_dialog_work_from_the_keyboard() {
        signIn();
        WebElement add = browser.find("#add-connection");
        for (int i = 0; i < 10 && !add.equals(browser.active()); i++) {
            browser.active().sendKeys(Keys.TAB);
        }
        assertThat(browser.active()).isEqualTo(add);
        browser.active().sendKeys(Keys.ENTER);
        browser.visible("#connect-dialog .tile[data-type='pipedrive']");
        assertThat((Boolean) browser.script("return document.getElementById('connect-dialog').contains(document.activeElement)"))
                .as("focus is inside the dialog").isTrue();
        browser.active().sendKeys(Keys.ESCAPE);
        browser.await(d -> browser.find("#connect-dialog").isDisplayed() ? null : true);
        assertThat(browser.active()).as("focus returns to the opener").isEqualTo(add);
    }

    @Test
    void a_pipedrive_key_connects_and_the_badge_follows_the_first_sync_until_healthy() {
        signIn();
        openPicker().click();
        browser.visible("#connect-dialog input[name='api_key']").sendKeys(SLOW_KEY);
        browser.find("#connect-dialog input[name='name']").sendKeys("Acme CRM");
        browser.find("#connect-dialog button[type='submit']").click();

        assertThat(flashText()).contains("Pipedrive is connected as Acme Ltd");
        WebElement card = cardNamed("Acme CRM");
        assertThat(browser.find("#connect-dialog").isDisplayed()).isFalse();
        String id = card.getAttribute("data-connection-id");
        browser.waiting(Duration.ofSeconds(15)).until(d -> "syncing".equals(card(id).getAttribute("data-status")));
        assertThat(card(id).findElement(By.cssSelector("[data-badge='health']")).getText()).contains("Syncing");

        awaitHealth(id, "healthy");
        WebElement settled = card(id);
        assertThat(settled.getAttribute("data-status")).isEqualTo("connected");
        assertThat(settled.findElement(By.cssSelector("[data-badge='status']")).getText()).contains("Connected");
        assertThat(settled.findElement(By.cssSelector("[data-badge='health']")).getText()).contains("Healthy");
        WebElement synced = settled.findElement(By.cssSelector("time"));
        assertThat(synced.getText()).isEqualTo("just now");
        assertThat(synced.getAttribute("title")).contains(synced.getAttribute("datetime"));
        assertThat(settled.getText()).contains("Authorized as", "Acme Ltd", "Completed", "8 records");
        assertThat(settled.getAttribute("aria-busy")).isNull();
    }

    @Test
    void reads_are_conditional_and_an_unchanged_answer_is_a_304_the_page_reuses() {
        signIn();
        Object statuses = ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "import('/console/api.js').then(async (m) => {"
                + "  const first = await m.api.list(); const second = await m.api.list();"
                + "  const list = performance.getEntriesByType('resource')"
                + "    .filter((e) => e.name.endsWith('/api/platform/v1/connections')).map((e) => e.responseStatus);"
                + "  done({ statuses: list, same: JSON.stringify(first) === JSON.stringify(second) });"
                + "}).catch((e) => done(String(e)));");
        assertThat(statuses).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("same", true)
                .extractingByKey("statuses").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .as("the page's own load, then the two reads: the last is answered 304").endsWith(304L);
    }

    @Test
    void a_rejected_key_is_explained_beside_the_field_and_nothing_is_added() {
        signIn();
        openPicker().click();
        WebElement key = browser.visible("#connect-dialog input[name='api_key']");
        key.sendKeys("wrong", Keys.ENTER);
        WebElement error = browser.visible("#connect-dialog .field-error");
        assertThat(error.getText()).isEqualTo("Pipedrive rejected this API key. Check the key and try again.");
        assertThat(key.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(key.getAttribute("aria-describedby")).contains(error.getAttribute("id"));
        assertThat(browser.find("#connect-dialog").isDisplayed()).isTrue();
        assertThat(browser.all("li.card")).isEmpty();
        assertThat(browser.driver.getPageSource()).doesNotContain("value=\"wrong\"");
    }

    @Test
    void an_oauth_round_trip_comes_back_with_the_success_flash_and_the_new_row() {
        authorizeAnswers("code=the-code");
        signIn();
        openPicker();
        browser.find(".tile[data-type='hubspot']").click();
        browser.visible("#connect-dialog input[name='name']").sendKeys("Acme HubSpot");
        browser.find("#connect-dialog button[type='submit']").click();

        assertThat(flashText()).contains("HubSpot is connected");
        browser.await(d -> d.getCurrentUrl().equals(app.base + "/console") ? true : null);
        WebElement card = cardNamed("Acme HubSpot");
        browser.find("#refresh").click();
        browser.await(d -> browser.find("#flash").isDisplayed() ? null : true);
        card = cardNamed("Acme HubSpot");
        assertThat(card.getText()).contains("acme.hubspot.com");
        assertThat(card.getAttribute("data-status")).isIn("connected", "syncing");
        awaitHealth(card.getAttribute("data-connection-id"), "healthy");
    }

    @Test
    void a_declined_authorization_flashes_the_error_and_offers_reconnect() {
        authorizeAnswers("error=access_denied");
        signIn();
        openPicker();
        browser.find(".tile[data-type='hubspot']").click();
        browser.visible("#connect-dialog button[type='submit']").click();

        WebElement flash = browser.visible("#flash");
        assertThat(flash.getText()).contains("declined");
        assertThat(flash.getAttribute("role")).isEqualTo("alert");
        browser.await(d -> d.getCurrentUrl().equals(app.base + "/console") ? true : null);
        WebElement card = cardNamed("HubSpot");
        assertThat(card.getAttribute("data-status")).isEqualTo("error");
        assertThat(card.getText()).contains("Authorization was not completed \u2014 connect again or remove it")
                .doesNotContain("Never");
        assertThat(card.findElement(By.xpath(".//dt[.='Last synced']/following-sibling::dd[1]")).getText())
                .isEqualTo("Not yet");
        // Nothing was ever connected: no sync, no pause; only authorizing again or removing it.
        assertThat(card.findElements(By.cssSelector(".card-actions button"))).extracting(WebElement::getText)
                .containsExactly("Connect again", "Remove");
        assertThat(card.findElement(By.cssSelector("button[data-action='reconnect']")).getAttribute("class"))
                .contains("primary");
        browser.screenshot("declined");
    }

    @Test
    void reconnecting_an_abandoned_oauth_connection_goes_through_the_provider_again_on_the_same_row() {
        String id = app.post(V1 + "/connections", token, "{\"connector_type\":\"hubspot\",\"name\":\"Abandoned\"}")
                .json().at("/connection/id").asText();
        authorizeAnswers("code=the-code");
        signIn();
        assertThat(card(id).getAttribute("data-status")).isEqualTo("pending");
        card(id).findElement(By.cssSelector("button[data-action='reconnect']")).click();
        WebElement dialog = browser.visible("#connect-dialog");
        assertThat(dialog.getText()).contains("authorize again", "keeps its id and its sync history");
        browser.find("#connect-dialog button[type='submit']").click();

        assertThat(flashText()).contains("HubSpot is connected");
        browser.await(d -> d.getCurrentUrl().equals(app.base + "/console") ? true : null);
        assertThat(card(id).getText()).contains("Abandoned", "acme.hubspot.com");
        assertThat(browser.all("li.card")).hasSize(1);
    }

    @Test
    void a_public_handle_is_resolved_confirmed_and_tracked() {
        signIn();
        openPicker();
        browser.find(".tile[data-type='twitter']").click();
        WebElement handle = browser.visible("#connect-dialog input[name='handle']");
        handle.sendKeys("nobody", Keys.ENTER);
        assertThat(browser.visible("#connect-dialog .field-error").getText()).contains("No X / Twitter account has the handle @nobody");

        handle.clear();
        handle.sendKeys("@acme");
        assertThat(handle.getAttribute("value")).as("the field shows a fixed @; a typed one is dropped").isEqualTo("acme");
        handle.sendKeys(Keys.ENTER);
        WebElement account = browser.visible("#connect-dialog .account");
        assertThat(account.getText()).contains("Acme Inc", "@acme", "4,200 followers");
        assertThat(account.findElement(By.tagName("img")).getAttribute("src")).isEqualTo(AVATAR);
        browser.find("#connect-dialog .resolved button.primary").click();

        assertThat(flashText()).contains("@acme on X / Twitter is now tracked");
        WebElement card = cardNamed("Acme Inc");
        assertThat(card.getText()).contains("X / Twitter", "@acme (Acme Inc)");
        assertThat(card.findElement(By.cssSelector("img.avatar")).getAttribute("src")).isEqualTo(AVATAR);
    }

    @Test
    void disconnect_asks_first_says_history_is_kept_and_keeps_the_row() {
        String id = connectViaApi(KEY, "Old CRM");
        awaitFirstRun(id);
        signIn();
        card(id).findElement(By.cssSelector("button[data-action='disconnect']")).click();
        WebElement dialog = browser.visible("#action-dialog");
        assertThat(dialog.getText()).contains("history are kept");
        assertThat(browser.active().getText()).isEqualTo("Disconnect");
        browser.active().sendKeys(Keys.ENTER);

        browser.waiting(Duration.ofSeconds(10)).until(d -> "disconnected".equals(card(id).getAttribute("data-status")));
        WebElement kept = card(id);
        assertThat(kept.getText()).contains("Old CRM", "Disconnected", "Its history is kept");
        assertThat(kept.findElements(By.cssSelector("button[data-action='reconnect']"))).hasSize(1);
        assertThat(kept.findElements(By.cssSelector("button[data-action='disconnect']"))).isEmpty();
        assertThat(browser.active().getTagName()).as("focus returns to the card").isEqualTo("h3");
        assertThat(app.get(V1 + "/connections/" + id + "/runs", token).json().get("runs")).isNotEmpty();
    }

    @Test
    void sync_now_then_the_run_history_and_events_show_what_happened() {
        String id = connectViaApi(KEY, "Synced CRM");
        awaitFirstRun(id);
        signIn();
        card(id).findElement(By.cssSelector("button[data-action='sync']")).click();
        assertThat(browser.visible("li[data-connection-id='" + id + "'] .card-notice").getText()).contains("Sync requested");
        long deadline = System.currentTimeMillis() + 20_000;
        while (app.get(V1 + "/connections/" + id + "/runs", token).json().get("runs").findValuesAsText("status")
                .contains("pending") && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
        sleep(300);
        clickAction(id, "history");
        browser.visible("#history-dialog #runs");
        List<WebElement> rows = browser.all("#runs tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).getText()).contains("Completed", "Connect", "4", "8");
        assertThat(rows.get(0).getText()).contains("Manual");
        assertThat(browser.find("#runs thead").getText())
                .contains("Status", "Trigger", "Started", "Duration", "Streams", "Records", "Error reason");
        assertThat(browser.find("#events").getText()).contains("Connected", "by alice");
        browser.screenshot("history");
    }

    @Test
    void a_connection_whose_key_was_revoked_asks_for_a_reconnect_and_takes_a_new_key_in_place() {
        String id = connectViaApi(REVOKED_KEY, "Revoked CRM");
        long deadline = System.currentTimeMillis() + 20_000;
        while (!"needs_reauth".equals(app.get(V1 + "/connections/" + id, token).json().get("health").asText())
                && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
        signIn();
        WebElement card = card(id);
        assertThat(card.getAttribute("data-health")).isEqualTo("needs_reauth");
        assertThat(card.findElement(By.cssSelector("[data-badge='health']")).getText()).contains("Needs re-authorization");
        assertThat(card.getText()).contains("Next step: reconnect it.");
        card.findElement(By.cssSelector("button[data-action='reconnect']")).click();
        WebElement key = browser.visible("#connect-dialog input[name='api_key']");
        assertThat(browser.find("#connect-dialog").getText()).contains("Replace the key", "keeps its id and its sync history");
        key.sendKeys("wrong", Keys.ENTER);
        assertThat(browser.visible("#connect-dialog .field-error").getText()).contains("Pipedrive rejected this API key");
        key.clear();
        key.sendKeys(KEY, Keys.ENTER);

        assertThat(flashText()).contains("Revoked CRM is reconnected as Acme Ltd");
        browser.await(d -> "connected".equals(card(id).getAttribute("data-status")) ? true : null);
        awaitHealth(id, "healthy");
        assertThat(browser.all("li.card")).as("the same row, no duplicate").hasSize(1);
    }

    @Test
    void a_refused_action_is_explained_on_its_card() {
        String id = connectViaApi(KEY, "Paused meanwhile");
        awaitFirstRun(id);
        signIn();
        WebElement sync = card(id).findElement(By.cssSelector("button[data-action='sync']"));
        app.post(V1 + "/connections/" + id + "/pause", token, null); // another tab paused it: the card is stale
        sync.click();
        WebElement error = browser.visible("li[data-connection-id='" + id + "'] .card-error");
        assertThat(error.getText()).startsWith("Sync now failed: ").hasSizeGreaterThan("Sync now failed: ".length() + 5);
        assertThat(error.getAttribute("role")).isEqualTo("alert");
        assertThat(card(id).findElement(By.cssSelector("button[data-action='sync']")).isEnabled()).isTrue();
    }

    @Test
    void a_member_sees_no_admin_only_actions_and_a_read_only_token_no_writes() {
        String id = connectViaApi(KEY, "Admins manage this");
        awaitFirstRun(id);
        token = app.token(workspace, "bob", Role.MEMBER, false);
        signIn();
        assertThat(card(id).findElements(By.cssSelector("button[data-action]")))
                .extracting(b -> b.getAttribute("data-action")).containsExactly("history", "records");
        WebElement tile = openPicker();
        assertThat(tile.isEnabled()).isFalse();
        assertThat(tile.getText()).contains("Only workspace admins can connect this");
        browser.find("#connect-dialog [data-close]").click();

        browser.find("#sign-out").click();
        token = app.token(workspace, "carol", Role.MEMBER, true);
        signIn();
        assertThat(browser.find("#add-connection").isDisplayed()).isFalse();
        assertThat(card(id).findElements(By.cssSelector("button[data-action]")))
                .extracting(b -> b.getAttribute("data-action")).containsExactly("history");
    }

    @Test
    void test_connection_says_in_words_whether_the_provider_accepted_the_credentials() {
        String testedKey = "pd-tested-key";
        provider.stubFor(get(urlPathEqualTo("/v1/users/me")).withHeader("x-api-token", equalTo(testedKey)).willReturn(okJson(
                "{\"success\":true,\"data\":{\"id\":1,\"company_id\":777,\"company_name\":\"Acme Ltd\"}}")));
        String id = connectViaApi(testedKey, "Tested CRM");
        awaitFirstRun(id);
        signIn();
        assertThat(card(id).getText()).as("credential facts, never the key").contains("Credentials", "API key")
                .doesNotContain(testedKey);
        card(id).findElement(By.cssSelector("button[data-action='test']")).click();
        WebElement notice = browser.visible("li[data-connection-id='" + id + "'] .card-notice");
        assertThat(notice.getText()).isEqualTo("Test passed: Pipedrive accepted the stored credentials for Acme Ltd.");

        provider.stubFor(get(urlPathEqualTo("/v1/users/me")).withHeader("x-api-token", equalTo(testedKey)).willReturn(
                aResponse().withStatus(401).withBody("{\"success\":false,\"error\":\"unauthorized access\"}")));
        card(id).findElement(By.cssSelector("button[data-action='test']")).click();
        WebElement error = browser.visible("li[data-connection-id='" + id + "'] .card-error");
        assertThat(error.getText()).startsWith("Test failed: Pipedrive rejected the stored credentials (")
                .endsWith("Reconnect to fix it.");
        awaitHealth(id, "needs_reauth");
        assertThat(card(id).findElement(By.cssSelector("button[data-action='reconnect']")).isDisplayed()).isTrue();
    }

    @Test
    void cards_offer_only_the_actions_the_server_lists_and_say_why_a_connector_does_not_sync() {
        String crm = connectViaApi(KEY, "Admins only");
        awaitFirstRun(crm);
        // every inbound connector syncs now (issues 13, 14); the outbound mirror runs once configured (issue 23)
        String outbound = app.post(V1 + "/connections", token, "{\"connector_type\":\"notion_knowledge_sync\","
                + "\"name\":\"Knowledge mirror\"}").json().at("/connection/id").asText();
        signIn();
        assertThat(card(crm).findElements(By.cssSelector("button[data-action]"))).extracting(b -> b.getAttribute("data-action"))
                .containsExactly("sync", "full_refresh", "pause", "test", "history", "records", "rename",
                        "disconnect");
        // what the first sync brought (2 objects per stream on WireMock), counted on the card
        String counted = browser.await(d -> {
            String text = card(crm).findElement(By.cssSelector(".records-summary")).getText();
            return text.contains("persons") ? text : null;
        });
        assertThat(counted).contains("2 activities", "2 deals", "2 organizations", "2 persons", "last change");
        assertThat(card(outbound).findElements(By.cssSelector("button[data-action='sync']"))).isEmpty();
        // outbound: its own panel says what it needs (issue 23); nothing to configure before it is authorized
        browser.await(d -> card(outbound).findElement(By.cssSelector("[data-knowledge-panel]")).getText()
                .contains("Not configured: choose a Notion database.") ? true : null);
        assertThat(card(outbound).findElements(By.cssSelector("[data-knowledge-configure]"))).isEmpty();
        assertThat(card(outbound).findElements(By.cssSelector("[data-not-syncable]"))).isEmpty();

        browser.find("#sign-out").click();
        token = app.token(workspace, "bob", Role.MEMBER, false);
        signIn();
        assertThat(card(crm).findElements(By.cssSelector("button[data-action]"))).as("a member manages no workspace connection")
                .extracting(b -> b.getAttribute("data-action")).containsExactly("history", "records");
        assertThat(card(crm).findElements(By.cssSelector("[data-not-syncable]"))).isEmpty();
    }

    @Test
    void the_knowledge_sync_panel_says_what_is_missing_configures_and_then_shows_the_pages_mirrored() throws Exception {
        Path folder = dir.resolve("knowledge").resolve(workspace);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("one.md"), "---\ntitle: One\ntags: [a]\n---\nFirst.");
        Files.writeString(folder.resolve("two.md"), "# Two\n\nSecond.");
        TestServer.Answer started = app.post(V1 + "/connections", token, "{\"connector_type\":\"notion_knowledge_sync\","
                + "\"name\":\"Handbook mirror\"}");
        String id = started.json().at("/connection/id").asText();
        String state = EndToEndIT.query(started.json().get("authorize_url").asText()).get("state");
        assertThat(app.get(V1 + "/connections/oauth/callback?code=c-1&state=" + state, null).status()).isIn(200, 302);
        signIn();
        By panel = By.cssSelector("li[data-connection-id='" + id + "'] [data-knowledge-panel]");
        browser.await(d -> d.findElement(panel).getText().contains("Not configured: choose a Notion database.") ? true : null);
        assertThat(browser.driver.findElement(panel).getText()).contains("Knowledge sync (outbound)");

        browser.driver.findElement(panel).findElement(By.cssSelector("button[data-knowledge-configure]")).click();
        new Select(browser.visible("#action-dialog select[name='database_id']")).selectByVisibleText("Handbook");
        new Select(browser.find("#action-dialog select[name='policy']")).selectByValue("append");
        new Select(browser.find("#action-dialog select[name='tags_property']")).selectByValue("Tags");
        browser.find("#action-dialog button[type='submit']").click();
        browser.await(d -> d.findElement(panel).getText().contains("Handbook (db-1)") ? true : null);
        assertThat(browser.driver.findElement(panel).getText()).contains("Append", "tags → Tags");

        browser.await(d -> {
            d.navigate().refresh();
            browser.visible("#inventory");
            return d.findElement(panel).getText().contains("Pages mirrored\n2") ? true : null;
        });
        browser.screenshot("knowledge-sync-panel");
    }

    @Test
    void rename_and_pause_resume_update_the_card_in_place() {
        String id = connectViaApi(KEY, "Before");
        awaitFirstRun(id);
        signIn();
        card(id).findElement(By.cssSelector("button[data-action='rename']")).click();
        WebElement name = browser.visible("#action-dialog input[name='name']");
        name.clear();
        name.sendKeys("After", Keys.ENTER);
        browser.await(d -> card(id).findElement(By.tagName("h3")).getText().equals("After") ? true : null);

        card(id).findElement(By.cssSelector("button[data-action='pause']")).click();
        browser.await(d -> "paused".equals(card(id).getAttribute("data-status")) ? true : null);
        assertThat(card(id).getText()).contains("Next step: resume it.");
        card(id).findElement(By.cssSelector("button[data-action='resume']")).click();
        browser.await(d -> "connected".equals(card(id).getAttribute("data-status")) ? true : null);
    }

    @Test
    void a_pending_badge_polls_with_backoff_and_stops_while_the_tab_is_hidden() {
        app.post(V1 + "/connections", token, "{\"connector_type\":\"hubspot\",\"name\":\"Never approved\"}");
        signIn();
        browser.script("window.statusCalls = 0; const real = window.fetch;"
                + "window.fetch = (url, options) => { if (String(url).endsWith('/status')) window.statusCalls++;"
                + " return real(url, options); };");
        sleep(4_000);
        long polled = (Long) browser.script("return window.statusCalls");
        assertThat(polled).as("1 s, then 1.6 s, then 2.6 s apart").isBetween(1L, 3L);

        browser.script("Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});"
                + "document.dispatchEvent(new Event('visibilitychange')); window.statusCalls = 0;");
        sleep(3_500);
        assertThat(browser.script("return window.statusCalls")).as("no polling while hidden").isEqualTo(0L);

        browser.script("Object.defineProperty(document, 'hidden', {configurable: true, get: () => false});"
                + "document.dispatchEvent(new Event('visibilitychange'));");
        browser.await(d -> (Long) browser.script("return window.statusCalls") >= 1 ? true : null);
    }

    @Test
    void the_inventory_lists_every_connection_newest_first_on_a_desktop_and_at_360_px() {
        String first = connectViaApi(KEY, "Acme CRM");
        String second = connectViaApi(KEY, "Partner CRM");
        String revoked = connectViaApi(REVOKED_KEY, "Legacy CRM");
        awaitFirstRun(first);
        awaitFirstRun(second);
        app.post(V1 + "/connections/" + second + "/pause", token, null);
        String pending = app.post(V1 + "/connections", token, "{\"connector_type\":\"hubspot\",\"name\":\"Marketing HubSpot\"}")
                .json().at("/connection/id").asText();
        String social = app.post(V1 + "/connections", token, "{\"connector_type\":\"twitter\",\"account_handle\":\"acme\","
                + "\"external_account_id\":\"1234567890\",\"name\":\"Acme on X\"}").json().at("/connection/id").asText();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!"needs_reauth".equals(app.get(V1 + "/connections/" + revoked, token).json().get("health").asText())
                && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
        browser.size(1280, 1000);
        signIn();
        List<String> order = browser.all("li.card").stream().map(li -> li.getAttribute("data-connection-id")).toList();
        assertThat(order).containsExactly(social, pending, revoked, second, first);
        assertThat(card(pending).getText()).contains("Pending", "Waiting for the provider authorization");
        assertThat(card(second).getText()).contains("Paused");
        assertThat(card(revoked).getText()).contains("Needs re-authorization", "Next step: reconnect it.");
        assertThat(card(first).getText()).contains("Healthy", "Acme Ltd");
        assertThat(card(social).getText()).contains("@acme");
        browser.script("document.activeElement.blur()");
        browser.size(1280, 1350);
        browser.screenshot("inventory");

        browser.size(360, 800);
        browser.await(d -> ((Long) browser.script("return document.documentElement.scrollWidth")) <= 360 ? true : null);
        assertThat(card(first).isDisplayed()).isTrue();
        browser.screenshot("inventory-360");
    }
}
