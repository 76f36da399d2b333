package io.ringback.process.worker;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.ringback.agent.AgentAvailabilityNotifier;
import io.ringback.agent.AgentClaims;
import io.ringback.callback.AttemptOutcome;
import io.ringback.callback.AttemptRepository;
import io.ringback.metrics.CallbackMetrics;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.support.CallbackLogContext;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code record-attempt-outcome}: writes the outcome into the attempt log and frees the claimed
 * agent (after an answer, only once the call has had time to reach the queue).
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

    @JobWorker(type = JobTypes.RECORD_ATTEMPT_OUTCOME)
    public void record(ActivatedJob job, @Variable String callbackId, @Variable String queue, @Variable int attempt,
                       @Variable String outcome, @Variable(optional = true) Integer reasonCode,
                       @Variable(optional = true) String detail) {
        try (var log = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            UUID id = UUID.fromString(callbackId);
            AttemptOutcome result = AttemptOutcome.valueOf(outcome);
            if (attempts.recordOutcome(id, attempt, result, reasonCode, detail)) {
                metrics.attemptEnded(result);
            }
            if (result == AttemptOutcome.ANSWERED) {
                claims.holdForAnsweredCall(id);
            } else {
                claims.release(id);
                notifier.nudgeLater(queue);
            }
        }
    }
}
