package io.ringback.agent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param claimTtl how long a claim reserves an agent when nothing releases it (a crash between claim and outcome)
 * @param answeredClaimHold after an answered callback, how long the agent stays reserved while the call reaches the queue
 */
@ConfigurationProperties("ringback.agents")
public record AgentProperties(
        @DefaultValue("3m") Duration claimTtl,
        @DefaultValue("30s") Duration answeredClaimHold) {}
