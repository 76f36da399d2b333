package io.ringback.process;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A message for the engine.
 *
 * @param messageId unique for the fact it reports (an attempt's ActionID and what happened): the
 *     engine drops a second message with the same id, so publishing again is always safe
 */
public record OutboundMessage(String name, String correlationKey, String messageId, Duration timeToLive,
                              Map<String, Object> variables) {

    public OutboundMessage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(correlationKey, "correlationKey");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(timeToLive, "timeToLive");
        variables = variables == null ? Map.of() : variables;
    }
}
