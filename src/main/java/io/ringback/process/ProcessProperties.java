package io.ringback.process;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the orchestrator talks to the engine.
 *
 * @param startMessageTtl how long a start message stays buffered; also how long the engine drops a
 *     re-published start with the same message id
 * @param outcomeMessageTtl how long an OriginateResponse, served-inbound or cancel message waits for its subscription
 * @param agentMessageTtl how long an "agent available" nudge waits for a callback to reach its wait
 * @param republishAfter a callback accepted this long ago without a registered process instance gets its start message again
 * @param republishInterval how often to look for such callbacks
 * @param jobRetryBackoff how long the engine waits before retrying a job whose worker failed
 * @param outboxInterval how often messages the engine has not taken yet are published again
 */
@ConfigurationProperties("ringback.process")
public record ProcessProperties(
        @DefaultValue("1h") Duration startMessageTtl,
        @DefaultValue("10m") Duration outcomeMessageTtl,
        @DefaultValue("30s") Duration agentMessageTtl,
        @DefaultValue("30s") Duration republishAfter,
        @DefaultValue("15s") Duration republishInterval,
        @DefaultValue("10s") Duration jobRetryBackoff,
        @DefaultValue("1s") Duration outboxInterval) {}
