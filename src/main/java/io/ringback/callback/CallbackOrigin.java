package io.ringback.callback;

/** Where a callback came from: its kind (stored in {@code callback.origin}, given to the dial-policy decision). */
public enum CallbackOrigin {
    /** A caller hung up in a queue (SPEC §1). */
    ABANDONED_CALL,
    /** An agent or supervisor scheduled it (SPEC §3, §4). */
    SCHEDULED,
    /** A website posted it (SPEC §5). */
    WEB,
    /** A caller in the queue asked to be called back instead of waiting (SPEC §5). */
    COURTESY,
    /** A contact of a dialer campaign (SPEC §2). */
    CAMPAIGN
}
