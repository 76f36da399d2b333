package io.ringback.callback;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the attempt log: one per dial, written before the Originate is sent, then completed
 * with what the PBX reported as it arrives.
 *
 * @param outcome the final outcome, null while the attempt is still going on
 * @param answeredAt when the customer picked up (OriginateResponse reason 4)
 * @param connectedAt when the customer reached an agent ({@code connectedAgent})
 * @param leftAt when the customer, after answering, hung up before an agent took the call
 */
public record Attempt(
        UUID callbackId,
        int attempt,
        String actionId,
        String agentInterface,
        Instant createdAt,
        Instant originateSentAt,
        AttemptOutcome outcome,
        Integer reasonCode,
        String detail,
        Instant endedAt,
        Instant answeredAt,
        Instant connectedAt,
        String connectedAgent,
        Instant leftAt,
        Instant hungupAt) {

    /** What the recorded facts say happened, whatever was or was not reported to the model. */
    public AttemptOutcome resolved() {
        if (connectedAt != null) {
            return AttemptOutcome.CONNECTED;
        }
        if (answeredAt != null) {
            return leftAt != null || hungupAt != null ? AttemptOutcome.ABANDONED_AFTER_ANSWER : AttemptOutcome.ANSWERED;
        }
        if (outcome != null) {
            return outcome;
        }
        return reasonCode == null ? null : AttemptOutcome.fromReasonCode(reasonCode);
    }
}
