package io.ringback.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** The longest minimum wait a row may set: a day, the longest hold a queue reports. */
    public static final long MAX_MINIMUM_WAIT_SECONDS = 24L * 3600;

    /** What is wrong with these rules, in words an analyst can act on; empty when they are usable. */
    public List<String> problems() {
        Map<String, Object> outputs = new HashMap<>();
        outputs.put("enabled", enabled);
        outputs.put("minimumWaitSeconds", minimumWaitSeconds);
        outputs.put("ownerIsLastAgent", ownerIsLastAgent);
        return outputProblems(outputs);
    }

    /**
     * What is wrong with the {@code abandoned-call-rules} decision's output as the engine gives it (its JSON,
     * before Java reads it: {@code "yes"} or {@code 1} is not {@code true} to the model's gateway).
     */
    public static List<String> outputProblems(Map<String, ?> outputs) {
        List<String> problems = new ArrayList<>();
        DecisionOutputs.yesNo(outputs, "enabled", true, problems);
        DecisionOutputs.wholeNumber(outputs, "minimumWaitSeconds", 0, MAX_MINIMUM_WAIT_SECONDS, "", problems);
        DecisionOutputs.yesNo(outputs, "ownerIsLastAgent", false, problems);
        return problems;
    }
}
