package com.amdahl.connections.application.port.in;

import com.amdahl.connections.application.Principal;
import com.amdahl.connections.application.view.Document;

/**
 * Removing stored records on purpose: a connection's records (admins, audited) and a data
 * subject's across the workspace (admins, audited, never showing the records' content). Both need
 * {@code connections:write}; a caller who may not see the connection gets 404.
 */
public interface ManageRecords {
    /** {@code DELETE /connections/:id/records}: {@code {"purged": n}}. */
    Document purge(Principal principal, String connectionId);

    /**
     * {@code POST /records/erasure}: the subject (one e-mail address; anything else is 400 naming
     * {@code subject}) is erased from every connection of the workspace, personal ones included.
     */
    Document erase(Principal principal, Body<String> subject);
}
