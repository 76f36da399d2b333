package io.ringback.agent;

import io.ringback.callback.CallbackRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Decides whether a callback may dial now: an agent of its queue must be available, idle for at
 * least the queue's agent idle time, and not claimed by another callback. A successful check
 * claims the agent, so there are never more callbacks in flight for a queue than idle agents.
 */
@Service
public class AgentClaims {

    private static final Logger log = LoggerFactory.getLogger(AgentClaims.class);

    private final AgentRegistry registry;
    private final AgentClaimRepository claims;
    private final CallbackRepository callbacks;
    private final AgentProperties properties;
    private final Clock clock;

    public AgentClaims(AgentRegistry registry, AgentClaimRepository claims, CallbackRepository callbacks,
                       AgentProperties properties, Clock clock) {
        this.registry = registry;
        this.claims = claims;
        this.callbacks = callbacks;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The answer of one availability check.
     *
     * @param claimed an agent is reserved for this callback: dial
     * @param waitSeconds when not claimed but an agent is free: seconds until it has been idle long enough
     * @param agentName the claimed agent's name (for display)
     */
    public record Result(boolean claimed, long waitSeconds, String agentInterface, String agentName) {
        static Result none() {
            return new Result(false, 0, null, null);
        }
    }

    public Result claim(UUID callbackId, String queue, long minIdleSeconds) {
        Instant now = clock.instant();
        List<QueueMember> available = registry.available(queue);
        var held = claims.liveClaimOf(callbackId, now);
        if (held.isPresent()) { // a redelivered job: keep the claim made the first time
            String name = available.stream().filter(m -> m.memberInterface().equals(held.get()))
                    .map(QueueMember::name).findFirst().orElse(held.get());
            return new Result(true, 0, held.get(), name);
        }
        Set<String> claimed = claims.liveClaims(now);
        long shortestWait = Long.MAX_VALUE;
        for (QueueMember member : available) {
            if (claimed.contains(member.memberInterface())) {
                continue;
            }
            long idle = Duration.between(member.idleSince(), now).toSeconds();
            if (idle >= minIdleSeconds) {
                if (claims.tryClaim(member.memberInterface(), queue, callbackId, now, now.plus(properties.claimTtl()))) {
                    callbacks.setWaitingForAgent(callbackId, false);
                    log.info("Callback {} claimed agent {} of queue {} (idle {} s)", callbackId, member.name(), queue, idle);
                    return new Result(true, 0, member.memberInterface(), member.name());
                }
            } else {
                shortestWait = Math.min(shortestWait, minIdleSeconds - idle);
            }
        }
        if (shortestWait != Long.MAX_VALUE) {
            callbacks.setWaitingForAgent(callbackId, false);
            log.debug("Callback {}: an agent of queue {} is free but idle for less than {} s; waiting {} s",
                    callbackId, queue, minIdleSeconds, shortestWait);
            return new Result(false, shortestWait, null, null);
        }
        callbacks.setWaitingForAgent(callbackId, true);
        log.info("Callback {} waits: no available agent in queue {}", callbackId, queue);
        return Result.none();
    }

    /** The attempt ended without reaching the customer: the agent is free for the next callback. */
    public void release(UUID callbackId) {
        claims.release(callbackId);
    }

    /** The customer answered: keep the agent reserved a little while the call reaches the queue. */
    public void holdForAnsweredCall(UUID callbackId) {
        claims.holdUntil(callbackId, clock.instant().plus(properties.answeredClaimHold()));
    }

    /** Number of available agents of a queue not claimed by any callback. */
    public int unclaimedAvailable(String queue) {
        Set<String> claimed = claims.liveClaims(clock.instant());
        return (int) registry.available(queue).stream().filter(m -> !claimed.contains(m.memberInterface())).count();
    }
}
