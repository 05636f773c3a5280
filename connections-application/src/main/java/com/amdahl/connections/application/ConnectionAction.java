package com.amdahl.connections.application;

import com.amdahl.connections.domain.WireNames;

/** What a caller may do next with a connection, as listed in a view's {@code available_actions}. */
public enum ConnectionAction implements WireNames.Wired {
    /** {@code POST /connections/:id/sync}. */
    SYNC,
    /** {@code POST /connections/:id/sync} with {@code {"full_refresh": true}} (admins). */
    FULL_REFRESH,
    /**
     * {@code POST /connections/:id/sync} with {@code {"confirm_deletes": true}} (admins): only while
     * the last run held deletes back.
     */
    CONFIRM_DELETES,
    PAUSE,
    RESUME,
    /** {@code POST /connections/:id/reconnect}. */
    RECONNECT,
    /** {@code POST /connections/:id/test}: one provider call with the stored credentials. */
    TEST,
    /** {@code PATCH} of {@code name}. */
    RENAME,
    /** {@code PATCH} of {@code owner_user_id} (personal connections, admins). */
    REASSIGN_OWNER,
    DISCONNECT;

    @Override
    public String wire() {
        return WireNames.of(this);
    }
}
