package io.ringback.worker;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.ringback.agent.AgentClaims;
import io.ringback.callback.AgentAvailabilityNotifier;
import io.ringback.callback.Attempt;
import io.ringback.callback.AttemptOutcome;
import io.ringback.callback.AttemptRepository;
import io.ringback.callback.CallbackMetrics;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.process.DialPolicy;
import io.ringback.support.CallbackLogContext;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code record-attempt-outcome}: decides what the attempt came to, from what the PBX reported and
 * was recorded on the attempt row (the row is the truth: a report may arrive late or not at all),
 * writes the final outcome into the attempt log and frees the agent. Returns {@code outcome} and
 * {@code awaitingConnection} (the customer answered; the model now waits to hear whether they
 * reached an agent). A customer who reached an agent is never counted as anything else.
 *
 * <p>Input {@code report} says which step of the model asks: {@code OUTCOME} (the OriginateResponse
 * arrived, its {@code outcome}, {@code reasonCode} and {@code detail}), {@code NO_OUTCOME} (none
 * arrived in time), {@code LEFT} (the answered customer hung up before an agent took the call),
 * {@code NO_CONNECTION_REPORT} (nothing was heard after the answer).
 */
@Component
public class RecordAttemptOutcomeWorker {

    private final AttemptRepository attempts;
    private final AgentClaims claims;
    private final AgentAvailabilityNotifier notifier;
    private final CallbackMetrics metrics;

    RecordAttemptOutcomeWorker(AttemptRepository attempts, AgentClaims claims, AgentAvailabilityNotifier notifier,
                               CallbackMetrics metrics) {
        this.attempts = attempts;
        this.claims = claims;
        this.notifier = notifier;
        this.metrics = metrics;
    }

    enum Report { OUTCOME, NO_OUTCOME, LEFT, NO_CONNECTION_REPORT }

    @JobWorker(type = JobTypes.RECORD_ATTEMPT_OUTCOME)
    public Map<String, Object> record(ActivatedJob job, @Variable String callbackId, @Variable DialPolicy dialPolicy,
                                      @Variable int attempt, @Variable String report,
                                      @Variable(optional = true) String outcome,
                                      @Variable(optional = true) Integer reasonCode,
                                      @Variable(optional = true) String detail) {
        try (var log = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            UUID id = UUID.fromString(callbackId);
            String queue = dialPolicy.queue();
            Optional<Attempt> row = attempts.find(id, attempt);
            AttemptOutcome facts = row.map(Attempt::resolved).orElse(null);
            if (facts == AttemptOutcome.CONNECTED) { // recorded (and counted) when the AgentConnect arrived
                claims.release(id);
                return Map.of("outcome", AttemptOutcome.CONNECTED.name(), "awaitingConnection", false);
            }
            return switch (Report.valueOf(report)) {
                case OUTCOME -> {
                    AttemptOutcome reported = outcome == null ? AttemptOutcome.FAILED : AttemptOutcome.valueOf(outcome);
                    yield reported == AttemptOutcome.ANSWERED ? awaitConnection(id)
                            : finish(id, queue, attempt, reported, reasonCode, detail);
                }
                case NO_OUTCOME -> {
                    if (facts == AttemptOutcome.ANSWERED) {
                        yield awaitConnection(id);
                    }
                    yield facts == null
                            ? finish(id, queue, attempt, AttemptOutcome.FAILED, null, "no OriginateResponse received")
                            : finish(id, queue, attempt, facts, row.get().reasonCode(),
                                    "outcome recorded, its message came too late");
                }
                case LEFT -> finish(id, queue, attempt, AttemptOutcome.ABANDONED_AFTER_ANSWER, 4,
                        "answered, then hung up before an agent took the call");
                case NO_CONNECTION_REPORT -> facts == AttemptOutcome.ABANDONED_AFTER_ANSWER
                        ? finish(id, queue, attempt, facts, 4, "answered, then hung up before an agent took the call")
                        : finish(id, queue, attempt, AttemptOutcome.ANSWERED, 4,
                                "answered; whether an agent took the call was not reported");
            };
        }
    }

    /** The customer picked up: the agent stays reserved while the model waits for the connection. */
    private Map<String, Object> awaitConnection(UUID callbackId) {
        claims.holdForAnsweredCall(callbackId);
        return Map.of("outcome", AttemptOutcome.ANSWERED.name(), "awaitingConnection", true);
    }

    private Map<String, Object> finish(UUID callbackId, String queue, int attempt, AttemptOutcome outcome,
                                       Integer reasonCode, String detail) {
        if (attempts.recordOutcome(callbackId, attempt, outcome, reasonCode, detail)) {
            metrics.attemptEnded(outcome);
        }
        claims.release(callbackId);
        if (outcome != AttemptOutcome.CONNECTED) {
            notifier.nudgeLater(queue); // the agent it held is free for the next callback
        }
        return Map.of("outcome", outcome.name(), "awaitingConnection", false);
    }
}
