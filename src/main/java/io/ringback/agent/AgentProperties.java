package io.ringback.agent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param claimTtl how long a claim reserves an agent when nothing releases it (a crash between claim and outcome);
 *     while the customer's phone rings the claim is extended by the ring timeout
 * @param answeredClaimHold after the customer answered, how long at most the agent stays reserved while the customer
 *     hears the callback message and waits in the queue; released earlier when the customer reaches an agent or leaves
 */
@ConfigurationProperties("ringback.agents")
public record AgentProperties(
        @DefaultValue("3m") Duration claimTtl,
        @DefaultValue("2m") Duration answeredClaimHold) {}
