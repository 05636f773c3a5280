package com.amdahl.connections.application.service;

import static com.amdahl.connections.application.service.ConnectFlowsTest.apiKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.port.in.ConnectCommand;
import com.amdahl.connections.application.port.in.ManageConnection.ConnectionUpdate;
import com.amdahl.connections.application.testing.InMemoryPorts;
import com.amdahl.connections.application.view.Document;
import com.amdahl.connections.application.view.JsonShapes;
import com.amdahl.connections.application.view.JsonText;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.ErrorCode;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The rendered list: byte-identical to a fresh render, never stale, pages that add up to it. */
class ListDocumentsTest {
    private static final Pattern NEXT = Pattern.compile("\"next_cursor\":(null|\"([^\"]+)\")");
    private final InMemoryPorts ports = new InMemoryPorts();
    private final Principal admin = ports.admin("acme", "alice");
    private final Principal member = ports.member("acme", "bob", Role.MEMBER);

    private ConnectionId pipedrive(String name) {
        var id = ports.app.connect().connect(admin, apiKey("pipedrive", "good")).connection().connection().id();
        ports.app.manage().update(admin, id, new ConnectionUpdate(name, false, null));
        return id;
    }

    private String fresh(Principal principal) {
        return JsonText.write(JsonShapes.connectionsDocument(ports.app.queries().list(principal)));
    }

    private Document list(Principal principal) {
        Document document = ports.app.documents().list(principal);
        assertThat(document.text()).as("the kept list is what a fresh render says").isEqualTo(fresh(principal));
        return document;
    }

    @Test
    void every_change_to_what_the_list_shows_changes_its_tag_and_nothing_else_does() {
        pipedrive("first");
        Document before = list(admin);
        assertThat(list(admin)).as("unchanged: the same kept document").isSameAs(before);

        ConnectionId second = pipedrive("second");
        Document afterConnect = list(admin);
        assertThat(afterConnect.etag()).isNotEqualTo(before.etag());

        ports.app.manage().update(admin, second, new ConnectionUpdate("renamed", false, null));
        Document afterRename = list(admin);
        assertThat(afterRename.etag()).isNotEqualTo(afterConnect.etag());
        assertThat(afterRename.text()).contains("renamed");

        var engine = ports.app.syncEngine();
        engine.dispatchDue(100).forEach(run -> engine.execute(run));
        Document afterRuns = list(admin);
        assertThat(afterRuns.etag()).as("runs finished").isNotEqualTo(afterRename.etag());
        assertThat(afterRuns.text()).contains("\"status\":\"completed\"");

        ports.clock.advance(Duration.ofHours(47));
        assertThat(list(admin).etag()).as("still fresh: same tag").isEqualTo(afterRuns.etag());
        ports.clock.advance(Duration.ofHours(2));
        Document stale = list(admin);
        assertThat(stale.etag()).as("stale by the clock alone").isNotEqualTo(afterRuns.etag());
        assertThat(stale.text()).contains("\"health\":\"stale\"");
    }

    @Test
    void callers_get_their_own_list_even_when_another_callers_is_kept() {
        pipedrive("shared");
        var outcome = ports.app.connect().connect(admin,
                new ConnectCommand("gmail", null, null, null, null, null, null, null, null));
        ports.app.oauthCallback().complete(OAuthCallbackTest.query(outcome.authorizeUrl()).get("state"), "code", null);
        assertThat(list(admin).text()).contains("\"connector_type\":\"gmail\"");
        assertThat(list(member).text()).doesNotContain("\"connector_type\":\"gmail\"");
        assertThat(list(InMemoryPorts.readOnly(admin)).text()).doesNotContain("\"available_actions\":[\"sync\"");
    }

    @Test
    void pages_add_up_to_the_whole_list_and_new_connections_do_not_shift_them() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            names.add("c" + i);
            pipedrive("c" + i);
            ports.clock.advance(Duration.ofSeconds(1));
        }
        String whole = list(admin).text();
        StringBuilder joined = new StringBuilder();
        String cursor = null;
        int pages = 0;
        do {
            String page = ports.app.documents().listPage(admin, "3", cursor).text();
            if (pages == 0) {
                pipedrive("created-between-pages"); // sorts first: never appears on a later page
            }
            String entries = page.substring("{\"connections\":[".length(), page.lastIndexOf("],\"next_cursor\""));
            joined.append(joined.isEmpty() || entries.isEmpty() ? "" : ",").append(entries);
            Matcher next = NEXT.matcher(page);
            assertThat(next.find()).isTrue();
            cursor = next.group(2);
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat("{\"connections\":[" + joined + "]}").isEqualTo(whole);
    }

    @Test
    void a_bad_cursor_or_limit_is_refused_as_invalid_input() {
        pipedrive("one");
        for (String cursor : new String[] {"nope", "", "YzF8MXwy", "%%%", "YzF8eHx5fGlk"}) {
            assertThatThrownBy(() -> ports.app.documents().listPage(admin, "5", cursor))
                    .isInstanceOfSatisfying(ConnectionsException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        }
        assertThatThrownBy(() -> ports.app.documents().listPage(admin, "0", null))
                .isInstanceOfSatisfying(ConnectionsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
        assertThat(ports.app.documents().listPage(admin, null, null).text()).endsWith("],\"next_cursor\":null}");
    }

    @Test
    void a_kept_status_is_reused_until_something_it_shows_changes_and_visibility_is_decided_per_caller() {
        ConnectionId id = pipedrive("one");
        Document status = ports.app.documents().status(admin, id.value());
        assertThat(ports.app.documents().status(admin, id.value())).as("kept").isSameAs(status);
        assertThat(status.text()).isEqualTo(JsonText.write(JsonShapes.status(ports.app.queries().get(admin, id))));

        var run = ports.app.manage().requestSync(admin, id);
        ports.app.syncRuns().begin(admin.workspaceId(), run.id());
        Document running = ports.app.documents().status(admin, id.value());
        assertThat(running.etag()).isNotEqualTo(status.etag());
        assertThat(running.text()).contains("\"is_syncing\":true");

        var outcome = ports.app.connect().connect(admin,
                new ConnectCommand("gmail", null, null, null, null, null, null, null, null));
        ConnectionId mail = outcome.connection().connection().id();
        ports.app.oauthCallback().complete(OAuthCallbackTest.query(outcome.authorizeUrl()).get("state"), "code", null);
        assertThat(ports.app.documents().connection(admin, mail.value()).text()).contains("gmail");
        assertThatThrownBy(() -> ports.app.documents().connection(member, mail.value()))
                .as("alice's mail stays hers though her view of it is kept")
                .isInstanceOfSatisfying(ConnectionsException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_NOT_FOUND));
    }
}
