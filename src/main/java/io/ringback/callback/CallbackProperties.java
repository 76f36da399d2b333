package io.ringback.callback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rules for callbacks that are not per queue (those are in the decisions).
 *
 * @param servedInboundScope which pending callbacks of a customer end when the customer calls in
 *     and an agent serves them: those in queues sharing agents with the queue they were served in
 *     ({@code SHARED_AGENTS}), only in that queue ({@code SAME_QUEUE}), or in every queue ({@code ALL_QUEUES})
 * @param orphanGrace a pending callback this long past its time limit is closed as {@code ORPHANED}:
 *     its process instance should have ended it and is gone or stuck
 * @param orphanCheckInterval how often to look for such callbacks
 */
@ConfigurationProperties("ringback.callbacks")
public record CallbackProperties(
        @DefaultValue("SHARED_AGENTS") ServedInboundScope servedInboundScope,
        @DefaultValue("10m") Duration orphanGrace,
        @DefaultValue("1m") Duration orphanCheckInterval) {

    public enum ServedInboundScope { SHARED_AGENTS, SAME_QUEUE, ALL_QUEUES }
}
