package io.ringback.callback;

import io.ringback.process.CallbackProcess.Messages;
import io.ringback.process.MessageOutbox;
import io.ringback.process.OutboundMessage;
import io.ringback.process.ProcessProperties;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The facts about a callback the model must hear, each through the {@link MessageOutbox}: written
 * with the fact in one transaction, published after it, published again until the engine has it.
 * Message ids name the fact, so the engine drops a second report of it.
 */
@Component
public class CallbackMessages {

    private final MessageOutbox outbox;
    private final ProcessProperties properties;

    public CallbackMessages(MessageOutbox outbox, ProcessProperties properties) {
        this.outbox = outbox;
        this.properties = properties;
    }

    /** The OriginateResponse of an attempt (correlated by its ActionID). */
    public void callOutcome(String actionId, AttemptOutcome outcome, Integer reasonCode, String detail) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("outcome", outcome.name());
        vars.put("reasonCode", reasonCode);
        vars.put("detail", detail);
        outbox.enqueue(new OutboundMessage(Messages.CALL_OUTCOME, actionId, actionId + ":outcome",
                properties.outcomeMessageTtl(), vars));
    }

    /** The answered customer reached an agent (correlated by the callback, wherever its model is). */
    public void callConnected(UUID callbackId, String actionId, String agent) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("connectedAgent", agent);
        vars.put("connectedActionId", actionId);
        outbox.enqueue(new OutboundMessage(Messages.CALL_CONNECTED, callbackId.toString(), actionId + ":connected",
                properties.outcomeMessageTtl(), vars));
    }

    /** The answered customer hung up before an agent took the call. */
    public void callLeft(String actionId) {
        outbox.enqueue(new OutboundMessage(Messages.CALL_LEFT, actionId, actionId + ":left",
                properties.outcomeMessageTtl(), Map.of()));
    }

    /** The customer called in again and was served. */
    public void customerServed(UUID callbackId, String inboundUniqueId, String queue) {
        outbox.enqueue(new OutboundMessage(Messages.CUSTOMER_SERVED, callbackId.toString(),
                "served:" + callbackId + ":" + inboundUniqueId, properties.outcomeMessageTtl(),
                Map.of("servedInQueue", queue)));
    }

    /** A user cancelled the callback. */
    public void cancel(UUID callbackId, String reason) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("cancelReason", reason);
        outbox.enqueue(new OutboundMessage(Messages.CALLBACK_CANCELLED, callbackId.toString(), "cancel:" + callbackId,
                properties.outcomeMessageTtl(), vars));
    }
}
