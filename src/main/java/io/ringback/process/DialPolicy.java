package io.ringback.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.camunda.client.exception.CamundaError;
import io.ringback.support.InputRule;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** The longest time limit a row may set: 31 days, as far ahead as a callback is ever scheduled. */
    public static final long MAX_TIME_LIMIT_SECONDS = 31L * 24 * 3600;
    /** The longest agent idle time a row may set: a day. */
    public static final long MAX_AGENT_IDLE_SECONDS = 24L * 3600;
    /** The longest time between attempts a row may set: 31 days. */
    public static final long MAX_RETRY_INTERVAL_SECONDS = 31L * 24 * 3600;
    /** The longest owner wait a row may set: a day. */
    public static final long MAX_OWNER_WAIT_SECONDS = 24L * 3600;
    /** The most attempts a row may set. */
    public static final int MAX_ATTEMPTS = 100;

    private static final String NO_ATTEMPT_HINT = " (with no attempt no call would ever be made; to switch callbacks "
            + "of abandoned calls off, set enabled to false in abandoned-call-rules)";

    /**
     * What is wrong with the part the decision gives, in words an analyst can act on; empty when it
     * is usable. {@code timeLimitSeconds} is checked only when the origin uses it.
     */
    public List<String> problems(boolean usesTimeLimit) {
        Map<String, Object> outputs = new HashMap<>();
        outputs.put("timeLimitSeconds", timeLimitSeconds);
        outputs.put("maxAttempts", maxAttempts);
        outputs.put("retryIntervalSeconds", retryIntervalSeconds);
        outputs.put("agentIdleSeconds", agentIdleSeconds);
        outputs.put("dialPrefix", dialPrefix);
        outputs.put("callbackMessage", callbackMessage);
        outputs.put("timeCondition", timeCondition);
        outputs.put("timeZone", timeZone);
        outputs.put("retryAbandonedAfterAnswer", retryAbandonedAfterAnswer);
        outputs.put("ownerWaitSeconds", ownerWaitSeconds);
        return outputProblems(outputs, usesTimeLimit);
    }

    /**
     * What is wrong with the {@code dial-policy} decision's output as the engine gives it (its JSON, before
     * Java reads it, so that a number typed in quotes or a fraction of an attempt is refused rather than
     * read otherwise than the model's gateways read it): empty when it can be read as a DialPolicy and used.
     */
    public static List<String> outputProblems(Map<String, ?> outputs, boolean usesTimeLimit) {
        List<String> problems = new ArrayList<>();
        if (usesTimeLimit) {
            DecisionOutputs.wholeNumber(outputs, "timeLimitSeconds", 0, MAX_TIME_LIMIT_SECONDS, "", problems);
        }
        DecisionOutputs.wholeNumber(outputs, "agentIdleSeconds", 0, MAX_AGENT_IDLE_SECONDS, "", problems);
        DecisionOutputs.wholeNumber(outputs, "retryIntervalSeconds", 0, MAX_RETRY_INTERVAL_SECONDS, "", problems);
        if (outputs.get("ownerWaitSeconds") != null) { // empty: no wait for the owner
            DecisionOutputs.wholeNumber(outputs, "ownerWaitSeconds", 0, MAX_OWNER_WAIT_SECONDS, " (or empty)", problems);
        }
        DecisionOutputs.wholeNumber(outputs, "maxAttempts", 1, MAX_ATTEMPTS, NO_ATTEMPT_HINT, problems);
        DecisionOutputs.text(outputs, "dialPrefix", false, InputRule.DIAL_PREFIX, problems);
        DecisionOutputs.text(outputs, "callbackMessage", false, InputRule.SOUND, problems);
        DecisionOutputs.text(outputs, "timeCondition", true, null, problems);
        Object zone = outputs.get("timeZone");
        if (zone != null && !(zone instanceof String)) {
            problems.add("timeZone must be text (in quotes), not " + DecisionOutputs.shown(zone));
        } else {
            try {
                ZoneId.of(zone == null ? "" : (String) zone);
            } catch (DateTimeException e) {
                problems.add("timeZone '" + InputRule.forLog(zone) + "' is not a time zone (use an IANA name such as "
                        + "America/Sao_Paulo)");
            }
        }
        DecisionOutputs.yesNo(outputs, "retryAbandonedAfterAnswer", false, problems);
        return problems;
    }

    /**
     * What is wrong with this policy for {@code call-customer}, as the calling process composed it: the
     * decision's part, and the {@code deadline} and {@code target} the caller adds (an ISO instant; a queue
     * name, a group and an agent of the directory by their rules). Every worker of {@code call-customer}
     * that reads the policy checks it first, so that a calling model that passes something else stops
     * with one incident naming it instead of failing, retrying, or dialing an empty queue.
     */
    public List<String> callProblems() {
        List<String> problems = new ArrayList<>(problems(false));
        try {
            Instant.parse(deadline == null ? "" : deadline);
        } catch (DateTimeException e) {
            problems.add("deadline must be an ISO instant such as 2026-12-01T15:00:00Z, not '" + InputRule.forLog(deadline)
                    + "' (the calling process sets it)");
        }
        if (target == null) {
            problems.add("target is missing (the calling process sets it: {queue: queue})");
        } else {
            if (target.queue() == null || target.queue().isBlank()) {
                problems.add("target.queue is missing (the calling process sets it: {queue: queue})");
            } else if (!InputRule.QUEUE.accepts(target.queue())) {
                problems.add("target.queue " + InputRule.QUEUE.rule() + ", not '" + InputRule.forLog(target.queue()) + "'");
            }
            if (target.group() != null && !target.group().isEmpty() && !InputRule.GROUP.accepts(target.group())) {
                problems.add("target.group " + InputRule.GROUP.rule());
            }
            if (target.agent() != null && !target.agent().isEmpty() && !InputRule.USER_ID.accepts(target.agent())) {
                problems.add("target.agent " + InputRule.USER_ID.rule());
            }
        }
        return problems;
    }

    /** Jackson with its defaults, as the engine client reads variables. */
    private static final ObjectMapper VARIABLES = JsonMapper.builder().build();

    /**
     * The {@code dialPolicy} variable as a worker got it ({@code @Variable(optional = true) Object}), read as a
     * DialPolicy inside the worker. The engine client reads {@code @Variable DialPolicy} before the worker
     * runs, where a variable of the wrong shape fails the job without a backoff and without the
     * application's job failure handling; read here, it fails once, with an incident naming the field.
     */
    public static DialPolicy from(Object variable) {
        if (variable == null) {
            throw CamundaError.jobError("dialPolicy is missing: the calling process passes it to call-customer "
                    + "(docs/dial-policy.md; fix the calling model, then retry)", null, 0);
        }
        if (!(variable instanceof Map<?, ?>)) {
            throw CamundaError.jobError("dialPolicy must be a context, not " + DecisionOutputs.shown(variable)
                    + " (docs/dial-policy.md; fix the calling model, then retry)", null, 0);
        }
        return VARIABLES.convertValue(variable, DialPolicy.class); // a field of the wrong type: JobFailureHandling names it
    }

    /**
     * This policy when {@link #callProblems} finds nothing; otherwise the job fails at once, without a retry
     * (the same variables would fail again), with an incident naming every problem.
     */
    public DialPolicy requireUsableForCall() {
        List<String> problems = callProblems();
        if (!problems.isEmpty()) {
            throw CamundaError.jobError("dialPolicy cannot be used to call the customer: " + String.join("; ", problems)
                    + " (docs/dial-policy.md; fix the calling model or the variable, then retry)", null, 0);
        }
        return this;
    }
}
