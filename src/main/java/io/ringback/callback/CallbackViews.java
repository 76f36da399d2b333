package io.ringback.callback;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringback.support.PhoneNumbers;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the API shows of callbacks. Lists show masked numbers; a single callback shows the number. */
public final class CallbackViews {

    private CallbackViews() {}

    public record Summary(UUID id, String origin, String queue, String phoneNumberMasked, CallbackStatus status,
                          String endReason, int abandonCount, Instant abandonedAt, Instant expiresAt,
                          boolean waitingForAgent, Long processInstanceKey, Instant createdAt, Instant endedAt) {

        static Summary of(Callback c) {
            return new Summary(c.id(), c.origin(), c.queue(), PhoneNumbers.mask(c.phoneNumber()), c.status(),
                    c.endReason(), c.abandonCount(), c.abandonedAt(), c.expiresAt(), c.waitingForAgent(),
                    c.processInstanceKey(), c.createdAt(), c.endedAt());
        }
    }

    public record Detail(UUID id, String origin, String queue, String phoneNumber, String callerName,
                         int holdTimeSeconds, Instant abandonedAt, CallbackStatus status, String endReason,
                         int abandonCount, Instant lastAbandonAt, List<String> abandonIds, Long processInstanceKey,
                         JsonNode settings, Instant expiresAt, boolean waitingForAgent, Instant createdAt,
                         Instant updatedAt, Instant endedAt, List<AttemptView> attempts) {}

    public record AttemptView(int attempt, String actionId, String agentInterface, Instant startedAt,
                              Instant originateSentAt, AttemptOutcome outcome, Integer reasonCode, String detail,
                              Instant endedAt) {
        static AttemptView of(Attempt a) {
            return new AttemptView(a.attempt(), a.actionId(), a.agentInterface(), a.createdAt(), a.originateSentAt(),
                    a.outcome(), a.reasonCode(), a.detail(), a.endedAt());
        }
    }

    public record IntakeResponse(UUID callbackId, AbandonedCallIntake.Outcome result) {}

    public record CancelRequest(@jakarta.validation.constraints.Size(max = 250) String reason) {}
}
