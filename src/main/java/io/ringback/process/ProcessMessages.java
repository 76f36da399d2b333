package io.ringback.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
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

    /**
     * Publishes the message without waiting for the engine's answer, so that the caller's thread (the AMI
     * event thread, a request) is not held for an engine round trip; a duplicate message id completes
     * normally. For messages that something else publishes again when this one is lost (the start of a
     * callback: {@code StartMessageRepublisher}).
     */
    public CompletionStage<Void> publishAsync(OutboundMessage message) {
        return client.newPublishMessageCommand()
                .messageName(message.name())
                .correlationKey(message.correlationKey())
                .messageId(message.messageId())
                .timeToLive(message.timeToLive())
                .variables(message.variables())
                .send()
                .handle((response, failure) -> {
                    if (failure == null || alreadyPublished(failure)) {
                        log.debug("Published {} (correlation {}, id {})", message.name(), message.correlationKey(),
                                message.messageId());
                        return null;
                    }
                    throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                });
    }

    private static boolean alreadyPublished(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if ((t instanceof ClientStatusException c && c.getStatusCode() == Status.Code.ALREADY_EXISTS)
                    || (t instanceof StatusRuntimeException s && s.getStatus().getCode() == Status.Code.ALREADY_EXISTS)) {
                return true;
            }
        }
        return false;
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
