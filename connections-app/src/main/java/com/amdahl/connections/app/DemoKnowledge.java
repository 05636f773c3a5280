package com.amdahl.connections.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code serve --demo}: a few Markdown documents in the demo workspace's knowledge folder, what a
 * Notion Knowledge Sync connection of the demo workspace mirrors once it is configured. Written
 * only when the folder does not exist yet: edits made to it are kept across restarts.
 */
final class DemoKnowledge {
    private static final Map<String, String> DOCUMENTS = Map.of(
            "welcome.md", """
                    ---
                    title: Welcome to Amdahl
                    tags: [onboarding, company]
                    ---
                    # Welcome

                    Amdahl connects your **CRM**, calls, mail and docs so that *everyone* works from the same facts.

                    ## Your first week
                    1. Meet your buddy
                    2. Read the [handbook](https://example.com/handbook)
                       - the security section first
                    3. Ship something small

                    > Ask early, ask often.
                    """,
            "guides/connecting-a-crm.md", """
                    ---
                    title: Connecting a CRM
                    tags: [guide, crm]
                    ---
                    Open **Connections**, pick HubSpot or Salesforce and follow the provider's consent screen.

                    - [x] An admin connects workspace sources
                    - [ ] Members connect their own mailbox

                    ```bash
                    curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/platform/v1/connections
                    ```
                    """,
            "guides/support-escalation.md", """
                    ---
                    title: Support escalation
                    tags: [guide, support]
                    ---
                    When a customer reports an outage:

                    - acknowledge within `15 minutes`
                    - open an incident
                      - page the on-call engineer
                    - post updates every 30 minutes

                    ---

                    Close the incident with a short written review.
                    """);

    private DemoKnowledge() {
    }

    /** Writes the demo documents under {@code root/<workspace>} unless that folder exists; says where. */
    static void seed(Path root, String workspace) {
        Path folder = root.resolve(workspace);
        if (Files.exists(folder)) {
            return;
        }
        try {
            for (Map.Entry<String, String> document : DOCUMENTS.entrySet()) {
                Path file = folder.resolve(document.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, document.getValue());
            }
            Notices.say("Demo knowledge base (for Notion Knowledge Sync): " + folder.toAbsolutePath().normalize());
        } catch (IOException e) {
            Notices.say("The demo knowledge base could not be written (" + e.getClass().getSimpleName() + ")");
        }
    }
}
