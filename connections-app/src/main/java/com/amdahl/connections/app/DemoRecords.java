package com.amdahl.connections.app;

import com.amdahl.connections.application.port.out.RecordSink;
import com.amdahl.connections.application.port.out.RecordSink.SyncedRecord;
import com.amdahl.connections.domain.workspace.ConnectionId;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code serve --demo}'s synced records: a handful per stream for the Pipedrive and HubSpot demo
 * connections, shaped like the providers' objects, written through the record sink as a sync
 * would, then a second page that changes two of them (so the feed shows an {@code updated} too).
 * Clearly made up: every person and company is called "Demo …" and every address is at
 * example.com.
 */
final class DemoRecords {
    private static final String[][] PEOPLE = {
        {"Ada", "Lovelace"}, {"Grace", "Hopper"}, {"Alan", "Turing"}, {"Katherine", "Johnson"},
        {"Edsger", "Dijkstra"}, {"Barbara", "Liskov"}, {"Donald", "Knuth"}, {"Margaret", "Hamilton"},
    };
    private static final String[][] COMPANIES = {
        {"Demo Analytical Engines", "analytical-engines.example.com", "London"},
        {"Demo Compilers", "compilers.example.com", "Arlington"},
        {"Demo Orbital Mechanics", "orbital.example.com", "Hampton"},
        {"Demo Typesetting", "typesetting.example.com", "Stanford"},
    };
    private static final String[] DEALS = {"40 seats", "Annual renewal", "Pilot project", "Support upgrade", "Data migration"};
    private static final String[] STAGES = {"lead", "marketingqualifiedlead", "opportunity", "customer"};

    private DemoRecords() {
    }

    /** Writes the demo records of one connection; connectors without demo records get none. */
    static void write(RecordSink sink, WorkspaceId workspace, ConnectionId connection, String connectorType) {
        switch (connectorType) {
            case "pipedrive" -> pipedrive(sink, workspace, connection);
            case "hubspot" -> hubspot(sink, workspace, connection);
            default -> {
                // the other demo connections show their runs only
            }
        }
    }

    private static void pipedrive(RecordSink sink, WorkspaceId workspace, ConnectionId connection) {
        List<SyncedRecord> organizations = new ArrayList<>();
        for (int i = 0; i < COMPANIES.length; i++) {
            organizations.add(new SyncedRecord(String.valueOf(201 + i), "{\"id\":" + (201 + i) + ",\"name\":" + q(COMPANIES[i][0])
                    + ",\"address\":" + q(COMPANIES[i][2]) + ",\"people_count\":2,\"open_deals_count\":1,"
                    + "\"owner_id\":{\"id\":1,\"name\":\"Demo Admin\"},\"add_time\":\"2026-10-0" + (i + 1) + " 09:00:00\","
                    + "\"active_flag\":true}"));
        }
        sink.write(workspace, connection, "organizations", organizations);
        List<SyncedRecord> persons = new ArrayList<>();
        for (int i = 0; i < PEOPLE.length; i++) {
            persons.add(new SyncedRecord(String.valueOf(101 + i), pipedrivePerson(i)));
        }
        sink.write(workspace, connection, "persons", persons);
        List<SyncedRecord> deals = new ArrayList<>();
        for (int i = 0; i < DEALS.length; i++) {
            deals.add(new SyncedRecord(String.valueOf(301 + i), pipedriveDeal(i, "open")));
        }
        sink.write(workspace, connection, "deals", deals);
        // a later run: one deal was won
        sink.write(workspace, connection, "deals", List.of(new SyncedRecord("301", pipedriveDeal(0, "won"))));
    }

    private static String pipedrivePerson(int i) {
        String first = PEOPLE[i][0];
        String last = PEOPLE[i][1];
        int org = i % COMPANIES.length;
        return "{\"id\":" + (101 + i) + ",\"name\":" + q("Demo " + first + " " + last) + ",\"first_name\":" + q(first)
                + ",\"last_name\":" + q("Demo " + last) + ",\"email\":[{\"label\":\"work\",\"value\":"
                + q(email(first, last)) + ",\"primary\":true}],\"phone\":[{\"label\":\"work\",\"value\":\"+1 555 01"
                + String.format("%02d", i) + "\",\"primary\":true}],\"org_id\":{\"value\":" + (201 + org) + ",\"name\":"
                + q(COMPANIES[org][0]) + "},\"owner_id\":{\"id\":1,\"name\":\"Demo Admin\"},\"open_deals_count\":"
                + (i % 2) + ",\"add_time\":\"2026-10-1" + i + " 10:30:00\",\"visible_to\":\"3\",\"active_flag\":true}";
    }

    private static String pipedriveDeal(int i, String status) {
        int org = i % COMPANIES.length;
        return "{\"id\":" + (301 + i) + ",\"title\":" + q(COMPANIES[org][0] + ": " + DEALS[i]) + ",\"value\":"
                + (4000 + 2500 * i) + ",\"currency\":\"EUR\",\"status\":" + q(status) + ",\"stage_id\":" + (1 + i % 4)
                + ",\"probability\":null,\"person_id\":{\"value\":" + (101 + i) + ",\"name\":"
                + q("Demo " + PEOPLE[i][0] + " " + PEOPLE[i][1]) + "},\"org_id\":{\"value\":" + (201 + org) + ",\"name\":"
                + q(COMPANIES[org][0]) + "},\"expected_close_date\":\"2027-01-" + (10 + i) + "\""
                + ("won".equals(status) ? ",\"won_time\":\"2026-12-01 16:00:00\"" : "") + "}";
    }

    private static void hubspot(RecordSink sink, WorkspaceId workspace, ConnectionId connection) {
        List<SyncedRecord> companies = new ArrayList<>();
        for (int i = 0; i < COMPANIES.length; i++) {
            companies.add(new SyncedRecord(String.valueOf(7001 + i), "{\"id\":\"" + (7001 + i) + "\",\"properties\":{"
                    + "\"name\":" + q(COMPANIES[i][0] + " Inc") + ",\"domain\":" + q(COMPANIES[i][1]) + ",\"city\":"
                    + q(COMPANIES[i][2]) + ",\"industry\":\"COMPUTER_SOFTWARE\",\"hs_object_id\":\"" + (7001 + i) + "\"},"
                    + "\"createdAt\":\"2026-09-0" + (i + 1) + "T08:00:00Z\",\"updatedAt\":\"2026-11-20T12:00:00Z\","
                    + "\"archived\":false}"));
        }
        sink.write(workspace, connection, "companies", companies);
        List<SyncedRecord> contacts = new ArrayList<>();
        for (int i = 0; i < PEOPLE.length; i++) {
            contacts.add(new SyncedRecord(String.valueOf(5101 + i), hubspotContact(i, STAGES[i % 3])));
        }
        sink.write(workspace, connection, "contacts", contacts);
        // a later run: one lead became a customer
        sink.write(workspace, connection, "contacts", List.of(new SyncedRecord("5101", hubspotContact(0, "customer"))));
    }

    private static String hubspotContact(int i, String stage) {
        String first = PEOPLE[i][0];
        String last = PEOPLE[i][1];
        int company = i % COMPANIES.length;
        return "{\"id\":\"" + (5101 + i) + "\",\"properties\":{\"firstname\":" + q(first) + ",\"lastname\":"
                + q("Demo " + last) + ",\"email\":" + q(email(first, last)) + ",\"company\":" + q(COMPANIES[company][0])
                + ",\"jobtitle\":\"Demo contact\",\"lifecyclestage\":" + q(stage) + ",\"hs_object_id\":\"" + (5101 + i)
                + "\"},\"createdAt\":\"2026-10-1" + i + "T09:15:00Z\",\"updatedAt\":\"2026-12-01T10:00:00Z\","
                + "\"archived\":false}";
    }

    private static String email(String first, String last) {
        return (first + "." + last).toLowerCase(java.util.Locale.ROOT) + "@example.com";
    }

    /** A JSON string of a constant above (letters, digits, spaces and a few signs: nothing to escape but quotes). */
    private static String q(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
