package io.ringback.agent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param claimTtl how long a claim reserves an agent when nothing releases it (a crash between claim and outcome);
 *     while the customer's phone rings the claim is extended by the ring timeout
 * @param answeredClaimHold after the customer answered, how long at most the agent stays reserved while the customer
 *     hears the callback message and waits in the queue; released earlier when the customer reaches an agent or leaves
 * @param recheckInterval how often the callbacks waiting for an agent are compared with the agents free for their
 *     target, and those an agent is free for are nudged: the safety net for a nudge lost to a restart or an AMI outage
 *     (the model waits for a nudge without a timer of its own). Costs one query while nobody is free.
 */
@ConfigurationProperties("ringback.agents")
public record AgentProperties(
        @DefaultValue("3m") Duration claimTtl,
        @DefaultValue("2m") Duration answeredClaimHold,
        @DefaultValue("30s") Duration recheckInterval) {}
