package io.ringback.callback;

import io.ringback.agent.AgentRegistry;
import io.ringback.support.CallbackLogContext;
import io.ringback.support.PhoneNumbers;
import io.ringback.telephony.PbxEvents.AgentConnected;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A customer who calls in again and is served by an agent needs no callback any more: their pending
 * callbacks in the queues that share agents with the queue they were served in
 * ({@code ringback.callbacks.served-inbound-scope}) end as {@code SERVED_INBOUND}. The orchestrator's
 * own callback calls are not inbound calls.
 */
@Component
class ServedInbound {

    private static final Logger log = LoggerFactory.getLogger(ServedInbound.class);

    private final CallbackRepository callbacks;
    private final CallbackMessages messages;
    private final AgentRegistry agents;
    private final PhoneNumbers phones;
    private final CallbackProperties properties;

    ServedInbound(CallbackRepository callbacks, CallbackMessages messages, AgentRegistry agents, PhoneNumbers phones,
                  CallbackProperties properties) {
        this.callbacks = callbacks;
        this.messages = messages;
        this.agents = agents;
        this.phones = phones;
        this.properties = properties;
    }

    @EventListener
    void on(AgentConnected event) {
        if (CallbackCalls.isOurs(event.uniqueId(), event.linkedId(), event.channelVariables())) {
            return;
        }
        var number = phones.normalise(event.callerNumber());
        if (number.isEmpty()) {
            return;
        }
        List<UUID> pending = switch (properties.servedInboundScope()) {
            case SAME_QUEUE -> callbacks.pendingIn(Set.of(event.queue()), number.get());
            case SHARED_AGENTS -> callbacks.pendingIn(agents.queuesSharingMembersWith(event.queue()), number.get());
            case ALL_QUEUES -> callbacks.pendingAnywhere(number.get());
        };
        for (UUID callbackId : pending) {
            try (var logContext = CallbackLogContext.open(callbackId)) {
                log.info("Customer {} was served on an inbound call in queue {}: ending callback {}",
                        phones.mask(number.get()), event.queue(), callbackId);
                messages.customerServed(callbackId, event.uniqueId(), event.queue());
            }
        }
    }
}
