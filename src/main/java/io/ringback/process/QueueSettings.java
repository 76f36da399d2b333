package io.ringback.process;

import io.ringback.support.PbxValues;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of the {@code queue-settings} decision, as the model stores it in {@code settings} and
 * passes it to {@code call-customer} as {@code dialPolicy}.
 *
 * @param retryAbandonedAfterAnswer whether a customer who answered and hung up before an agent took the
 *     call is called again (within the attempts); missing means yes
 */
public record QueueSettings(
        Boolean enabled,
        Long minimumWaitSeconds,
        Long timeLimitSeconds,
        Long agentIdleSeconds,
        Integer maxAttempts,
        Long retryIntervalSeconds,
        String dialPrefix,
        String callbackMessage,
        String timeCondition,
        String timeZone,
        Boolean retryAbandonedAfterAnswer) {

    /** What is wrong with these settings, in words an analyst can act on; empty when they are usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (enabled == null) {
            problems.add("enabled is missing");
        }
        nonNegative(problems, "minimumWaitSeconds", minimumWaitSeconds);
        nonNegative(problems, "timeLimitSeconds", timeLimitSeconds);
        nonNegative(problems, "agentIdleSeconds", agentIdleSeconds);
        nonNegative(problems, "retryIntervalSeconds", retryIntervalSeconds);
        if (maxAttempts == null || maxAttempts < 0) {
            problems.add("maxAttempts must be a number of at least 0");
        } else if (maxAttempts == 0 && Boolean.TRUE.equals(enabled)) {
            problems.add("maxAttempts is 0 while callbacks are enabled: no call would ever be made "
                    + "(set enabled to false to switch callbacks off, or allow at least 1 attempt)");
        }
        if (dialPrefix != null && !PbxValues.DIAL_PREFIX.accepts(dialPrefix)) {
            problems.add("dialPrefix " + PbxValues.DIAL_PREFIX.rule());
        }
        if (callbackMessage != null && !PbxValues.SOUND.accepts(callbackMessage)) {
            problems.add("callbackMessage " + PbxValues.SOUND.rule());
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
