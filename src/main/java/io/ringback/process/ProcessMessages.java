package io.ringback.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes messages and broadcasts signals to the engine, at once. Every message carries a message
 * id, so that the same fact published twice (a reconnect, a second application instance, the outbox
 * publishing again) is dropped by the engine. Facts that must not be lost go through the
 * {@link MessageOutbox}; only nudges that a timer in the model makes up for are published directly.
 */
@Component
public class ProcessMessages {

    private static final Logger log = LoggerFactory.getLogger(ProcessMessages.class);

    private final CamundaClient client;

    public ProcessMessages(CamundaClient client) {
        this.client = client;
    }

    /** Publishes the message and waits for the engine's answer; a duplicate message id is not an error. */
    public void publish(OutboundMessage message) {
        try {
            client.newPublishMessageCommand()
                    .messageName(message.name())
                    .correlationKey(message.correlationKey())
                    .messageId(message.messageId())
                    .timeToLive(message.timeToLive())
                    .variables(message.variables())
                    .send()
                    .join();
            log.debug("Published {} (correlation {}, id {})", message.name(), message.correlationKey(), message.messageId());
        } catch (ClientStatusException e) {
            if (e.getStatusCode() == Status.Code.ALREADY_EXISTS) {
                log.debug("Message {} with id {} was already published; the engine dropped the duplicate",
                        message.name(), message.messageId());
                return;
            }
            throw e;
        }
    }

    public void publish(String name, String correlationKey, String messageId, Duration ttl, Map<String, Object> variables) {
        publish(new OutboundMessage(name, correlationKey, messageId, ttl, variables));
    }

    /** Wakes every instance waiting at a catch event of this signal (none is buffered: a signal nobody waits for is gone). */
    public void broadcastSignal(String name) {
        client.newBroadcastSignalCommand().signalName(name).send().join();
        log.debug("Broadcast signal {}", name);
    }
}
