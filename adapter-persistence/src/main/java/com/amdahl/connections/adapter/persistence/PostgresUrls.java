package com.amdahl.connections.adapter.persistence;

/**
 * The PostgreSQL URL the adapter connects with. pgjdbc puts the server's error detail ("Key
 * (email)=(…) already exists") and, for a failed batch, the statement with its bound values
 * ("Batch entry 0 INSERT INTO synced_records … VALUES (…) was aborted") into exception messages,
 * which libraries log (HikariCP marks a connection broken with the exception). With
 * {@code logServerErrorDetail=false} pgjdbc leaves both out; a URL that sets it keeps its choice.
 */
final class PostgresUrls {
    static final String PROPERTY = "logServerErrorDetail";

    private PostgresUrls() {
    }

    /** The URL with {@code logServerErrorDetail=false} added when it is PostgreSQL's and does not say. */
    static String withoutValuesInErrors(String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        int query = url.indexOf('?');
        if (query >= 0) {
            for (String parameter : url.substring(query + 1).split("&")) {
                if (parameter.split("=", 2)[0].equals(PROPERTY)) { // pgjdbc's names are case-sensitive
                    return url;
                }
            }
        }
        return url + (query < 0 ? "?" : url.endsWith("?") || url.endsWith("&") ? "" : "&") + PROPERTY + "=false";
    }
}
