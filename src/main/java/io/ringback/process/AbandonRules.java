package io.ringback.process;

import java.util.ArrayList;
import java.util.List;

/**
 * What only abandoned calls need, per queue: the result of the {@code abandoned-call-rules} decision,
 * as {@code abandoned-call-callback} stores it in {@code abandonRules}. How the customer is then called
 * is the {@link DialPolicy}.
 *
 * @param enabled callbacks on or off for the queue
 * @param minimumWaitSeconds a caller who waited less is not called back
 * @param ownerIsLastAgent the callback belongs to the last agent who spoke with the caller (sticky, SPEC §4):
 *     it waits for that agent first; missing means no
 */
public record AbandonRules(Boolean enabled, Long minimumWaitSeconds, Boolean ownerIsLastAgent) {

    public boolean stickToLastAgent() {
        return Boolean.TRUE.equals(ownerIsLastAgent);
    }


    /**
     * Whether a caller who waited this long is called back, as the model's gateways decide it
     * ({@code enabled = true}, {@code holdTimeSeconds >= minimumWaitSeconds}). Only for usable rules.
     */
    public boolean calledBack(long holdTimeSeconds) {
        return Boolean.TRUE.equals(enabled) && holdTimeSeconds >= minimumWaitSeconds;
    }

    /** What is wrong with these rules, in words an analyst can act on; empty when they are usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (enabled == null) {
            problems.add("enabled is missing");
        }
        if (minimumWaitSeconds == null || minimumWaitSeconds < 0) {
            problems.add("minimumWaitSeconds must be a number of at least 0");
        }
        return problems;
    }
}
