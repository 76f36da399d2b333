package io.ringback.security;

import java.util.List;

/**
 * The permissions, each granted on its own: plain Spring Security authorities named exactly as
 * here, so that a JWT role, a configured user or a test names them the same way. A user holds
 * any combination; there is no hierarchy (an administrator is simply a user with all of them).
 */
public final class Permissions {

    /** See callbacks: the lists (numbers masked) and a single callback with its full number and attempts. */
    public static final String CALLBACKS_VIEW = "callbacks:view";
    /** Create callbacks by hand (scheduled, on behalf of a customer). */
    public static final String CALLBACKS_CREATE = "callbacks:create";
    /** Change a callback that has not started calling (its window, number, notes): one's own, or any with {@link #CALLBACKS_SUPERVISE}. */
    public static final String CALLBACKS_EDIT = "callbacks:edit";
    /** Cancel a callback: one's own, or any with {@link #CALLBACKS_SUPERVISE}. */
    public static final String CALLBACKS_CANCEL = "callbacks:cancel";
    /**
     * Edit and cancel callbacks somebody else created (a supervisor), with {@link #CALLBACKS_EDIT} and
     * {@link #CALLBACKS_CANCEL}; abandoned-call callbacks are created by the PBX, so cancelling them needs it too.
     */
    public static final String CALLBACKS_SUPERVISE = "callbacks:supervise";
    /** Administer the settings: agents, schedules, campaigns; the non-public actuator endpoints. */
    public static final String SETTINGS_ADMIN = "settings:admin";
    /** Post abandons or web callbacks: a PBX, a website. Nothing else: such a client sees no callback. */
    public static final String INTAKE = "intake";

    /** Every permission, in the order the documentation lists them. */
    public static final List<String> ALL = List.of(
            CALLBACKS_VIEW, CALLBACKS_CREATE, CALLBACKS_EDIT, CALLBACKS_CANCEL, CALLBACKS_SUPERVISE, SETTINGS_ADMIN,
            INTAKE);

    private Permissions() {}

    /** Whether the name is one of {@link #ALL}: a typo in the configuration must not silently grant nothing. */
    public static boolean isKnown(String name) {
        return ALL.contains(name);
    }
}
