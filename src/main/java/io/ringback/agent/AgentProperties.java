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
 * @param idleHold the longest wait for an agent's idle time that the {@code claim-agent} worker holds itself, dialing
 *     the moment the idle time is reached; a longer wait is the model's timer ({@code Event_WaitForAgentIdle}), which
 *     the engine fires up to a second or more late. {@code 0s}: every wait is the model's timer. At most 25 s (the
 *     job's timeout is 30 s and a hold ends 5 s before it).
 */
@ConfigurationProperties("ringback.agents")
public record AgentProperties(
        @DefaultValue("3m") Duration claimTtl,
        @DefaultValue("2m") Duration answeredClaimHold,
        @DefaultValue("30s") Duration recheckInterval,
        @DefaultValue("10s") Duration idleHold) {

    public AgentProperties {
        if (idleHold.isNegative() || idleHold.compareTo(Duration.ofSeconds(25)) > 0) {
            throw new IllegalArgumentException("ringback.agents.idle-hold must be from 0s to 25s, not " + idleHold);
        }
    }
}
