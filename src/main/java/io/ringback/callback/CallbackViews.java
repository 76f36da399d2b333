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
    public record Summary(UUID id, String origin, String queue, String targetGroup, String targetAgent, String owner,
                          String phoneNumberMasked, CallbackStatus status, String endReason, int abandonCount,
                          Instant requestedAt, Instant abandonedAt, Instant expiresAt, boolean waitingForAgent,
                          String waitingFor, Long processInstanceKey, String createdBy, Instant createdAt,
                          Instant endedAt) {

        static Summary of(Callback c, String masked) {
            return new Summary(c.id(), c.origin(), c.queue(), c.targetGroup(), c.targetAgent(), c.target().owner(),
                    masked, c.status(),
                    c.endReason(), c.abandonCount(), c.requestedAt(), c.abandonedAt(), c.expiresAt(),
                    c.waitingForAgent(), c.waitingFor(), c.processInstanceKey(), c.createdBy(), c.createdAt(),
                    c.endedAt());
        }
    }

    /**
     * One callback with everything known of it; only users with {@code callbacks:view} see it.
     *
     * @param targetGroup when set, only agents of this group take the call
     * @param targetAgent when set, only this agent takes the call
     * @param phoneNumber the normal form (E.164 where the number is recognised), used for dialing
     * @param phoneNumberAsGiven what the PBX or the API client sent
     * @param requestedAt when the callback was asked for (for abandons: when the caller hung up)
     * @param holdTimeSeconds abandoned calls only: how long the caller waited
     * @param createdBy who asked for the callback (a user, or the PBX that reported the abandon)
     * @param cancelledBy who asked to cancel it
     * @param history who created, edited or cancelled it, oldest first
     * @param owner a sticky callback's owner ({@code ana}, {@code group:vip}); null: any agent of the queue
     * @param ownerWaitExpiries each time the wait for the owner ended and the callback was released
     */
    public record Detail(UUID id, String origin, String queue, String targetGroup, String targetAgent, String owner,
                         String phoneNumber, String phoneNumberAsGiven, String callerName, Instant requestedAt,
                         Integer holdTimeSeconds, Instant abandonedAt, CallbackStatus status, String endReason,
                         int abandonCount, Instant lastAbandonAt, List<String> abandonIds, Long processInstanceKey,
                         JsonNode settings, Instant expiresAt, boolean waitingForAgent, String waitingFor, Instant dueAt,
                         String createdBy, String cancelledBy, Instant createdAt, Instant updatedAt, Instant endedAt,
                         List<AttemptView> attempts, List<ChangeView> history,
                         List<OwnerWaitExpiries.Expiry> ownerWaitExpiries) {}

    /** One entry of a callback's history. */
    public record ChangeView(Instant at, String by, CallbackRepository.Change change, String detail) {
        static ChangeView of(CallbackRepository.CallbackChange c) {
            return new ChangeView(c.at(), c.by(), c.change(), c.detail());
        }
    }

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

    public record CancelRequest(@io.ringback.support.Allowed(io.ringback.support.InputRule.REASON) String reason) {}
}
