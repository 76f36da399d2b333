package io.ringback.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import io.ringback.callback.AttemptOutcome;
import io.ringback.process.CallbackProcess.Messages;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes the messages the model waits for. Every message carries a message id, so that the
 * same fact published twice (a reconnect, a second application instance) is dropped by the engine.
 */
@Component
public class ProcessMessages {

    private static final Logger log = LoggerFactory.getLogger(ProcessMessages.class);

    private final CamundaClient client;
    private final ProcessProperties properties;

    public ProcessMessages(CamundaClient client, ProcessProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** Starts the callback's process instance (message start event, correlation key = callback id). */
    public void startCallback(UUID callbackId, String messageId, StartVariables variables) {
        publish(Messages.ABANDONED_CALL_RECEIVED, callbackId.toString(), messageId, properties.startMessageTtl(),
                variables.asMap());
    }

    public void callOutcome(String actionId, AttemptOutcome outcome, Integer reasonCode, String detail) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("outcome", outcome.name());
        vars.put("reasonCode", reasonCode);
        vars.put("detail", detail);
        publish(Messages.CALL_OUTCOME, actionId, actionId, properties.outcomeMessageTtl(), vars);
    }

    public void agentAvailable(UUID callbackId, String messageId) {
        publish(Messages.AGENT_AVAILABLE, callbackId.toString(), messageId, properties.agentMessageTtl(), Map.of());
    }

    public void customerServed(UUID callbackId, String messageId) {
        publish(Messages.CUSTOMER_SERVED, callbackId.toString(), messageId, properties.outcomeMessageTtl(), Map.of());
    }

    public void cancel(UUID callbackId, String reason) {
        publish(Messages.CALLBACK_CANCELLED, callbackId.toString(), "cancel-" + callbackId, properties.outcomeMessageTtl(),
                Map.of("cancelReason", reason));
    }

    private void publish(String name, String correlationKey, String messageId, Duration ttl, Map<String, Object> variables) {
        try {
            client.newPublishMessageCommand()
                    .messageName(name)
                    .correlationKey(correlationKey)
                    .messageId(messageId)
                    .timeToLive(ttl)
                    .variables(variables)
                    .send()
                    .join();
            log.debug("Published {} (correlation {}, id {})", name, correlationKey, messageId);
        } catch (ClientStatusException e) {
            if (e.getStatusCode() == Status.Code.ALREADY_EXISTS) {
                log.debug("Message {} with id {} was already published; the engine dropped the duplicate", name, messageId);
                return;
            }
            throw e;
        }
    }

    /** What a callback instance starts with: references and what the model needs, never the number. */
    public record StartVariables(UUID callbackId, String origin, String queue, int holdTimeSeconds,
                                 String abandonedAt, String callerMasked) {
        Map<String, Object> asMap() {
            return Map.of("callbackId", callbackId.toString(), "origin", origin, "queue", queue,
                    "holdTimeSeconds", holdTimeSeconds, "abandonedAt", abandonedAt, "callerMasked", callerMasked);
        }
    }
}
