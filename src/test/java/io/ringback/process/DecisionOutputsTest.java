package io.ringback.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.exception.JobError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cases {@code ModelVariablesFuzzTest} found, shrunk to one value each: what a decision cell or a calling
 * model gave a worker, what happened before, and the named refusal it gets now.
 */
class DecisionOutputsTest {

    private static Map<String, Object> validPolicy() {
        Map<String, Object> policy = new HashMap<>(Map.of("timeLimitSeconds", 600, "agentIdleSeconds", 0,
                "maxAttempts", 3, "retryIntervalSeconds", 60, "dialPrefix", "9", "callbackMessage", "custom/callback",
                "timeCondition", "always", "timeZone", "UTC", "retryAbandonedAfterAnswer", true));
        return policy;
    }

    private static List<String> policyWith(String output, Object value) {
        Map<String, Object> policy = validPolicy();
        policy.put(output, value);
        return DialPolicy.outputProblems(policy, true);
    }

    @Test
    void aValidRowHasNoProblemAndAWholeNumberMayComeAsADecimal() {
        assertThat(DialPolicy.outputProblems(validPolicy(), true)).isEmpty();
        assertThat(policyWith("maxAttempts", 3.0)).as("FEEL arithmetic gives 3.0").isEmpty();
        assertThat(policyWith("retryAbandonedAfterAnswer", null)).as("empty means yes").isEmpty();
    }

    @Test
    void attemptsTypedInQuotesAreRefusedAtRegistrationNotAfterTheFirstCall() {
        // was: the worker read "600" as 600 and dialed; the gateway attemptsMade < dialPolicy.maxAttempts then
        // compared a number with a text and stopped with an incident after the first attempt
        assertThat(policyWith("maxAttempts", "600"))
                .containsExactly("maxAttempts must be a whole number from 1 to 100, not the text \"600\"");
    }

    @Test
    void aFractionOfAnAttemptIsRefusedRatherThanReadAsTwoByJavaAndThreeByFeel() {
        assertThat(policyWith("maxAttempts", 2.5)).containsExactly("maxAttempts must be a whole number from 1 to 100, not 2.5");
        assertThat(policyWith("timeLimitSeconds", -0.5)).singleElement().asString().startsWith("timeLimitSeconds must be a whole number");
    }

    @Test
    void aTimeLimitBeyondEveryInstantIsRefusedInsteadOfFailingThreeTimes() {
        // was: Instant.plusSeconds threw DateTimeException, retried three times, an incident without the output's name
        assertThat(policyWith("timeLimitSeconds", 1.0E20)).singleElement().asString()
                .startsWith("timeLimitSeconds must be a whole number from 0 to 2678400, not ");
    }

    @Test
    void anIdleTimeTypedInQuotesIsRefusedInsteadOfWaitedFor() {
        assertThat(policyWith("agentIdleSeconds", "600"))
                .containsExactly("agentIdleSeconds must be a whole number from 0 to 86400, not the text \"600\"");
    }

    @Test
    void aYesNoOutputMustBeTrueOrFalse() {
        // was: 1 was read as true by Java and compared with true by FEEL (null: an incident at the gateway)
        assertThat(policyWith("retryAbandonedAfterAnswer", 1))
                .containsExactly("retryAbandonedAfterAnswer must be true or false (or empty), not 1");
        assertThat(AbandonRules.outputProblems(Map.of("enabled", 1, "minimumWaitSeconds", 0)))
                .containsExactly("enabled must be true or false, not 1");
        assertThat(AbandonRules.outputProblems(Map.of("enabled", "yes", "minimumWaitSeconds", 0)))
                .containsExactly("enabled must be true or false, not the text \"yes\"");
    }

    @Test
    void anEndlessMinimumWaitIsRefusedInsteadOfMakingEveryCallerIneligible() {
        // was: the callback ended NOT_ELIGIBLE, "calls back after at least 7766279631452241919 s"
        assertThat(AbandonRules.outputProblems(Map.of("enabled", true, "minimumWaitSeconds", 1.0E20))).singleElement()
                .asString().startsWith("minimumWaitSeconds must be a whole number from 0 to 86400, not ");
    }

    @Test
    void textOutputsMustBeTextAndFollowTheirRule() {
        assertThat(policyWith("timeZone", 42)).containsExactly("timeZone must be text (in quotes), not 42");
        assertThat(policyWith("timeCondition", List.of("a"))).containsExactly("timeCondition must be text (in quotes), not a list");
        assertThat(policyWith("dialPrefix", "9\r\nAction: Originate"))
                .containsExactly("dialPrefix may contain only digits, *, # and + (at most 20)");
        assertThat(policyWith("timeZone", "9\r\nAction: Originate")).singleElement().asString()
                .contains("'9??Action: Originate'").doesNotContain("\r", "\n");
    }

    @Test
    void anEmptyTargetQueueIsAProblemOfTheCallNotAWaitForNobody() {
        // was: claim-agent looked for members of queue "" and the callback waited until its deadline
        var policy = new DialPolicy(600L, 1, 2L, 0L, "9", "custom/callback", "always", "UTC", true, null,
                "2026-12-01T15:00:00Z", CallTarget.queue(""));
        assertThat(policy.callProblems()).containsExactly("target.queue is missing (the calling process sets it: {queue: queue})");
        var noTarget = new DialPolicy(600L, 1, 2L, 0L, "9", "custom/callback", "always", "UTC", true, null, "tomorrow", null);
        assertThat(noTarget.callProblems()).containsExactly(
                "deadline must be an ISO instant such as 2026-12-01T15:00:00Z, not 'tomorrow' (the calling process sets it)",
                "target is missing (the calling process sets it: {queue: queue})");
        assertThatThrownBy(noTarget::requireUsableForCall).isInstanceOf(JobError.class)
                .hasMessageContaining("target is missing").satisfies(e -> assertThat(((JobError) e).getRetries()).isZero());
    }

    @Test
    void aPolicyThatIsNotAContextFailsOnceNamingIt() {
        assertThatThrownBy(() -> DialPolicy.from("fast")).isInstanceOf(JobError.class)
                .hasMessageStartingWith("dialPolicy must be a context, not the text \"fast\"")
                .satisfies(e -> assertThat(((JobError) e).getRetries()).isZero());
        assertThatThrownBy(() -> DialPolicy.from(null)).isInstanceOf(JobError.class).hasMessageStartingWith("dialPolicy is missing");
    }

    @Test
    void aFieldOfTheWrongShapeIsNamedWithoutTheVariablesJson() {
        // was: the engine client failed the job before the worker ran, three times without a backoff, with the whole JSON
        Map<String, Object> policy = validPolicy();
        policy.put("target", "support");
        policy.put("secret", "+5511987654321");
        Throwable failure = catchThrowable(() -> DialPolicy.from(policy));
        assertThat(JobFailureHandling.unreadableVariables(failure)).hasValueSatisfying(message -> assertThat(message)
                .startsWith("The job's variables do not fit the worker: a variable read as DialPolicy, field target: ")
                .doesNotContain("5511987654321"));
        assertThat(JobFailureHandling.unreadableVariables(new IllegalStateException("database down"))).isEmpty();
    }

    private static Throwable catchThrowable(Runnable runnable) {
        try {
            runnable.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
