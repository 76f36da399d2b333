package io.ringback.process;

import io.ringback.support.InputRule;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * How a callback calls the customer: the result of the {@code dial-policy} decision (by origin and
 * queue), completed by the calling process with the {@code deadline} and the {@code target}, and
 * passed to {@code call-customer} as {@code dialPolicy}. The contract analysts rely on is in
 * docs/process-variables.md.
 *
 * @param timeLimitSeconds for origins without a window: from the request (the abandon) to the deadline
 * @param maxAttempts how many times the number is tried (at least 1)
 * @param retryIntervalSeconds pause between attempts
 * @param agentIdleSeconds an agent must have been idle this long before a call is placed
 * @param dialPrefix put before the number to pick the callback route
 * @param callbackMessage Asterisk sound played when the customer answers
 * @param timeCondition name of the time condition in {@code callback-time-condition}
 * @param timeZone IANA zone in which the time condition is read
 * @param retryAbandonedAfterAnswer a customer who answered and left before an agent took the call is called
 *     again; missing means yes
 * @param ownerWaitSeconds when the target is an owner (an agent or a group): how long a due callback waits
 *     for the owner to be free before it is released to the first free agent of the queue; missing means 0
 * @param deadline ISO instant after which no new attempt starts (time limit or window end); set by the caller
 * @param target who takes the call; set by the caller
 */
public record DialPolicy(
        Long timeLimitSeconds,
        Integer maxAttempts,
        Long retryIntervalSeconds,
        Long agentIdleSeconds,
        String dialPrefix,
        String callbackMessage,
        String timeCondition,
        String timeZone,
        Boolean retryAbandonedAfterAnswer,
        Long ownerWaitSeconds,
        String deadline,
        CallTarget target) {

    /** The queue whose agents take the call. */
    public String queue() {
        return target == null ? null : target.queue();
    }

    /** The owner wait, 0 when the decision leaves it empty. */
    public long ownerWait() {
        return ownerWaitSeconds == null ? 0 : ownerWaitSeconds;
    }

    /** The same policy for another target (a callback released by its owner goes to the queue). */
    public DialPolicy withTarget(CallTarget newTarget) {
        return new DialPolicy(timeLimitSeconds, maxAttempts, retryIntervalSeconds, agentIdleSeconds, dialPrefix,
                callbackMessage, timeCondition, timeZone, retryAbandonedAfterAnswer, ownerWaitSeconds, deadline, newTarget);
    }

    public Instant deadlineInstant() {
        return Instant.parse(deadline);
    }

    /**
     * What is wrong with the part the decision gives, in words an analyst can act on; empty when it
     * is usable. {@code timeLimitSeconds} is checked only when the origin uses it.
     */
    public List<String> problems(boolean usesTimeLimit) {
        List<String> problems = new ArrayList<>();
        if (usesTimeLimit) {
            nonNegative(problems, "timeLimitSeconds", timeLimitSeconds);
        }
        nonNegative(problems, "agentIdleSeconds", agentIdleSeconds);
        nonNegative(problems, "retryIntervalSeconds", retryIntervalSeconds);
        if (ownerWaitSeconds != null && ownerWaitSeconds < 0) {
            problems.add("ownerWaitSeconds must be a number of at least 0 (or empty)");
        }
        if (maxAttempts == null || maxAttempts < 1) {
            problems.add("maxAttempts must be a number of at least 1 (no call would ever be made; to switch callbacks "
                    + "of abandoned calls off, set enabled to false in abandoned-call-rules)");
        }
        if (dialPrefix != null && !InputRule.DIAL_PREFIX.accepts(dialPrefix)) {
            problems.add("dialPrefix " + InputRule.DIAL_PREFIX.rule());
        }
        if (callbackMessage != null && !InputRule.SOUND.accepts(callbackMessage)) {
            problems.add("callbackMessage " + InputRule.SOUND.rule());
        }
        if (timeCondition == null || timeCondition.isBlank()) {
            problems.add("timeCondition is missing");
        }
        try {
            ZoneId.of(timeZone == null ? "" : timeZone);
        } catch (DateTimeException e) {
            problems.add("timeZone '" + timeZone + "' is not a time zone (use an IANA name such as America/Sao_Paulo)");
        }
        return problems;
    }

    private static void nonNegative(List<String> problems, String name, Long value) {
        if (value == null || value < 0) {
            problems.add(name + " must be a number of at least 0");
        }
    }
}
