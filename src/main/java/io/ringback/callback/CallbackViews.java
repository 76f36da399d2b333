package io.ringback.callback;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the API shows of callbacks. Lists show masked numbers; a single callback shows the number. */
public final class CallbackViews {

    private CallbackViews() {}

    /**
     * @param waitingFor {@code AGENT} or {@code PBX} while a pending callback waits for one of them
     */
    public record Summary(UUID id, String origin, String queue, String phoneNumberMasked, CallbackStatus status,
                          String endReason, int abandonCount, Instant abandonedAt, Instant expiresAt,
                          boolean waitingForAgent, String waitingFor, Long processInstanceKey, Instant createdAt,
                          Instant endedAt) {

        static Summary of(Callback c, String masked) {
            return new Summary(c.id(), c.origin(), c.queue(), masked, c.status(), c.endReason(), c.abandonCount(),
                    c.abandonedAt(), c.expiresAt(), c.waitingForAgent(), c.waitingFor(), c.processInstanceKey(),
                    c.createdAt(), c.endedAt());
        }
    }

    /**
     * @param phoneNumber the normal form (E.164 where the number is recognised), used for dialing
     * @param phoneNumberAsGiven what the PBX or the API client sent
     */
    public record Detail(UUID id, String origin, String queue, String phoneNumber, String phoneNumberAsGiven,
                         String callerName, int holdTimeSeconds, Instant abandonedAt, CallbackStatus status,
                         String endReason, int abandonCount, Instant lastAbandonAt, List<String> abandonIds,
                         Long processInstanceKey, JsonNode settings, Instant expiresAt, boolean waitingForAgent,
                         String waitingFor, Instant dueAt, Instant createdAt, Instant updatedAt, Instant endedAt,
                         List<AttemptView> attempts) {}

    /**
     * One dial: its final {@code outcome} (null while it goes on), Asterisk's reason code, and what the
     * PBX reported along the way: answered, connected to an agent (who), left before an agent answered.
     */
    public record AttemptView(int attempt, String actionId, String agentInterface, Instant startedAt,
                              Instant originateSentAt, AttemptOutcome outcome, Integer reasonCode, String detail,
                              Instant answeredAt, Instant connectedAt, String connectedAgent, Instant leftAt,
                              Instant endedAt) {
        static AttemptView of(Attempt a) {
            return new AttemptView(a.attempt(), a.actionId(), a.agentInterface(), a.createdAt(), a.originateSentAt(),
                    a.outcome(), a.reasonCode(), a.detail(), a.answeredAt(), a.connectedAt(), a.connectedAgent(),
                    a.leftAt(), a.endedAt());
        }
    }

    public record IntakeResponse(UUID callbackId, AbandonedCallIntake.Outcome result) {}

    public record CancelRequest(@io.ringback.support.PbxSafe(io.ringback.support.PbxValues.NAME) String reason) {}
}
