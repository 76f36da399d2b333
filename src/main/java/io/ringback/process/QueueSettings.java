package io.ringback.process;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The result of the {@code queue-settings} decision, as the model stores it in {@code settings}. */
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
        String timeZone) {

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
        }
        if (dialPrefix != null && !dialPrefix.matches("[0-9*#+]*")) {
            problems.add("dialPrefix may contain only digits, *, # and +");
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
