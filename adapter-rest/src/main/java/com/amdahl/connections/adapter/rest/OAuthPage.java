package com.amdahl.connections.adapter.rest;

import com.amdahl.connections.application.port.in.CompleteOAuthCallback.CallbackOutcome;

/** The small terminal page the OAuth callback renders when there is no first-party return_to. */
final class OAuthPage {
    private OAuthPage() {
    }

    static String render(CallbackOutcome outcome) {
        String title = outcome.succeeded() ? "Connected" : "Connection failed";
        String message = outcome.succeeded()
                ? "Your " + escape(outcome.connectorType() == null ? "data source" : outcome.connectorType())
                        + " connection is ready. You can close this window."
                : "The connection could not be completed (error: <code>" + escape(outcome.errorCode())
                        + "</code>). Close this window and try again from the Connections page.";
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;"
                + "color:#1f2328}h1{font-size:1.4rem}code{background:#f0f0f0;padding:0 .25rem}</style>"
                + "</head><body><h1>" + title + "</h1><p data-result=\""
                + (outcome.succeeded() ? "connected" : "error") + "\">" + message + "</p></body></html>\n";
    }

    static String escape(String text) {
        if (text == null) {
            return "unknown";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
