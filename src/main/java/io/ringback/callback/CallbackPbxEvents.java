package io.ringback.callback;

import io.ringback.agent.AgentClaims;
import io.ringback.agent.AgentRegistry;
import io.ringback.callback.CallbackCalls.AttemptRef;
import io.ringback.support.CallbackLogContext;
import io.ringback.support.InputRule;
import io.ringback.telephony.PbxEvents.AgentConnected;
import io.ringback.telephony.PbxEvents.CallerAbandoned;
import io.ringback.telephony.PbxEvents.ChannelHungUp;
import io.ringback.telephony.AmiRejections;
import io.ringback.telephony.PbxEvents.DialEnded;
import io.ringback.telephony.PbxEvents.OriginateReported;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the PBX reports about callbacks. An abandon by a customer becomes (or joins) a callback; an
 * event about one of the orchestrator's own calls ({@link CallbackCalls}) never does: it is a fact
 * about an attempt. Each fact is recorded on the attempt row and its message for the model written to
 * the outbox in the same transaction, so it reaches the model even when the engine is unreachable
 * right now or the application stops right after.
 *
 * <ul>
 *   <li>{@code OriginateResponse}: the outcome (answered, busy, ...). An answer keeps the agent
 *       claimed while the customer hears the message and waits in the queue;
 *   <li>{@code AgentConnect} on our channel: the customer reached an agent, the callback succeeded;
 *   <li>{@code QueueCallerAbandon} on our channel, or its {@code Hangup} before an agent took the call:
 *       the customer answered and left (outcome {@code ABANDONED_AFTER_ANSWER}).
 * </ul>
 */
@Component
class CallbackPbxEvents {

    private static final Logger log = LoggerFactory.getLogger(CallbackPbxEvents.class);

    private final AbandonedCallIntake intake;
    private final CallbackRepository callbacks;
    private final AttemptRepository attempts;
    private final CallbackMessages messages;
    private final AgentClaims claims;
    private final AgentRegistry registry;
    private final AgentAvailabilityNotifier notifier;
    private final TransactionTemplate tx;
    private final CallbackMetrics metrics;
    private final AmiRejections rejections;

    CallbackPbxEvents(AbandonedCallIntake intake, CallbackRepository callbacks, AttemptRepository attempts, CallbackMessages messages,
                      AgentClaims claims, AgentRegistry registry, AgentAvailabilityNotifier notifier,
                      TransactionTemplate tx, CallbackMetrics metrics, AmiRejections rejections) {
        this.registry = registry;
        this.intake = intake;
        this.callbacks = callbacks;
        this.attempts = attempts;
        this.messages = messages;
        this.claims = claims;
        this.notifier = notifier;
        this.tx = tx;
        this.metrics = metrics;
        this.rejections = rejections;
    }

    @EventListener
    void on(CallerAbandoned event) {
        if (CallbackCalls.isOurs(event.uniqueId(), event.linkedId(), event.channelVariables())) {
            CallbackCalls.of(event.uniqueId(), event.linkedId(), event.channelVariables()).ifPresentOrElse(
                    attempt -> customerLeft(attempt, event.at(), "left queue " + event.queue() + " after "
                            + event.holdTimeSeconds() + " s"),
                    () -> log.warn("QueueCallerAbandon {} in queue {} is a callback call the orchestrator cannot "
                            + "identify; it is not taken as a new callback", InputRule.forLog(event.uniqueId()), event.queue()));
            return; // a callback call never becomes a callback
        }
        try {
            intake.accept(new AbandonedCall(event.source(), event.queue(), event.callerNumber(), event.callerName(),
                    event.holdTimeSeconds(), event.at(), event.uniqueId()));
        } catch (InvalidAbandonedCallException e) {
            metrics.abandonNotTaken(e.fieldErrors().keySet().iterator().next());
            log.info("Abandon {} in queue {} not taken as a callback: {}", event.uniqueId(), event.queue(),
                    e.fieldErrors().keySet());
        }
    }

    @EventListener
    void on(OriginateReported event) {
        var parsed = CallbackCalls.parse(event.actionId());
        if (parsed.isEmpty()) {
            rejections.reject("OriginateResponse", "actionid", "ActionID " + InputRule.forLog(event.actionId()),
                    "an ActionID Ringback never sends (its attempts are " + CallbackCalls.PREFIX + "<callback>-<attempt>)");
            return;
        }
        AttemptRef attempt = parsed.get();
        AttemptOutcome outcome = AttemptOutcome.fromReasonCode(event.reason());
        String detail = "OriginateResponse " + event.response() + ", reason " + event.reason();
        boolean first = Boolean.TRUE.equals(tx.execute(s -> {
            if (!attempts.recordResponse(attempt.actionId(), event.reason(), event.at())) {
                return false;
            }
            messages.callOutcome(attempt.actionId(), outcome, event.reason(), detail);
            return true;
        }));
        if (!first && attempts.find(attempt.callbackId(), attempt.attempt()).isEmpty()) {
            rejections.reject("OriginateResponse", "actionid", "ActionID " + InputRule.forLog(event.actionId()),
                    "no attempt of Ringback has this ActionID (never sent, or its callback is gone)");
            return;
        }
        if (first) {
            try (var logContext = CallbackLogContext.open(attempt.callbackId())) {
                log.info("Attempt {}: {} ({})", attempt.actionId(), outcome, detail);
            }
            if (outcome == AttemptOutcome.ANSWERED) {
                claims.holdForAnsweredCall(attempt.callbackId());
            }
        }
    }

    @EventListener
    void on(AgentConnected event) {
        connected(event.uniqueId(), event.linkedId(), event.channelVariables(), event.memberName(),
                "queue " + event.queue(), event.at());
    }

    /**
     * A callback routed to its owner (or to the claimed agent of a group) dials that agent instead of
     * joining the queue: the agent answering is the customer reaching an agent. A dial that is not
     * answered changes nothing: the dialplan then puts the customer in the queue.
     */
    @EventListener
    void on(DialEnded event) {
        if (!event.answered()) {
            return;
        }
        // only the dial of the agent claimed for this attempt: the customer leg's own Dial (an outbound
        // route through a Local channel, Dial(PJSIP/…@trunk)) shares our Linkedid but reaches no agent
        CallbackCalls.of(event.uniqueId(), event.linkedId(), event.channelVariables())
                .flatMap(attempt -> attempts.byActionId(attempt.actionId()))
                .filter(attempt -> attempt.agentInterface() != null
                        && attempt.agentInterface().equalsIgnoreCase(event.destInterface()))
                .ifPresent(attempt -> connected(event.uniqueId(), event.linkedId(), event.channelVariables(),
                        memberName(attempt.callbackId(), event.destInterface()), "a direct dial", event.at()));
    }

    /** The agent as the queue names them (as AgentConnect would), else the interface. */
    private String memberName(java.util.UUID callbackId, String memberInterface) {
        return callbacks.find(callbackId).flatMap(c -> registry.members(c.queue()).stream()
                        .filter(m -> m.memberInterface().equalsIgnoreCase(memberInterface)).findFirst())
                .map(m -> m.name()).orElse(memberInterface);
    }

    private void connected(String uniqueId, String linkedId, Map<String, String> variables, String agent,
                           String where, Instant at) {
        CallbackCalls.of(uniqueId, linkedId, variables).ifPresent(attempt -> {
            boolean first = Boolean.TRUE.equals(tx.execute(s -> {
                if (!attempts.recordConnected(attempt.actionId(), agent, at)) {
                    return false;
                }
                attempts.recordConnectedOutcome(attempt.actionId());
                messages.callConnected(attempt.callbackId(), attempt.actionId(), agent);
                return true;
            }));
            claims.release(attempt.callbackId()); // the agent's own state takes over from the claim
            if (first) {
                metrics.attemptEnded(AttemptOutcome.CONNECTED);
                try (var logContext = CallbackLogContext.open(attempt.callbackId())) {
                    log.info("Callback {} connected to agent {} by {} (attempt {})", attempt.callbackId(), agent, where,
                            attempt.attempt());
                }
            }
        });
    }

    @EventListener
    void on(ChannelHungUp event) {
        CallbackCalls.parse(event.uniqueId())
                .filter(attempt -> CallbackCalls.isMainChannel(event.uniqueId(), attempt))
                .ifPresent(attempt -> {
                    attempts.recordHangup(attempt.actionId(), event.at());
                    customerLeft(attempt, event.at(), "hung up before an agent took the call");
                });
    }

    /** The customer answered and left before an agent took the call (no-op when not answered, or connected). */
    private void customerLeft(AttemptRef attempt, Instant at, String how) {
        boolean first = Boolean.TRUE.equals(tx.execute(s -> {
            if (!attempts.recordLeft(attempt.actionId(), at)) {
                return false;
            }
            messages.callLeft(attempt.actionId());
            return true;
        }));
        if (first) {
            claims.release(attempt.callbackId());
            try (var logContext = CallbackLogContext.open(attempt.callbackId())) {
                log.info("The customer of callback {} answered attempt {} and {}", attempt.callbackId(),
                        attempt.attempt(), how);
            }
            callbacks.find(attempt.callbackId()).ifPresent(c -> notifier.nudgeLater(c.queue())); // its agent is free
        }
    }
}
