package io.ringback.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Decides whether a callback may dial now: an agent of its queue must be available, idle for at
 * least the queue's agent idle time, and not claimed by another callback. A successful check
 * claims the agent, so there are never more callbacks in flight for a queue than idle agents.
 * Callbacks whose attempt became due earlier go first: a claimant with {@code waitingAhead} such
 * callbacks waiting only gets an agent when there are more free agents than that.
 */
@Service
public class AgentClaims {

    private static final Logger log = LoggerFactory.getLogger(AgentClaims.class);

    private final AgentRegistry registry;
    private final AgentClaimRepository claims;
    private final AgentProperties properties;
    private final Clock clock;

    public AgentClaims(AgentRegistry registry, AgentClaimRepository claims, AgentProperties properties, Clock clock) {
        this.registry = registry;
        this.claims = claims;
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

    /**
     * @param waitingAhead callbacks of the queue whose attempt became due before this one's and that
     *     wait for an agent: they get the free agents first
     */
    public Result claim(UUID callbackId, String queue, long minIdleSeconds, int waitingAhead) {
        Instant now = clock.instant();
        List<QueueMember> available = registry.available(queue);
        var held = claims.liveClaimOf(callbackId, now);
        if (held.isPresent()) { // a redelivered job: keep the claim made the first time
            String name = available.stream().filter(m -> m.memberInterface().equals(held.get()))
                    .map(QueueMember::name).findFirst().orElse(held.get());
            return new Result(true, 0, held.get(), name);
        }
        Set<String> claimed = claims.liveClaims(now);
        List<QueueMember> free = available.stream().filter(m -> !claimed.contains(m.memberInterface())).toList();
        List<QueueMember> idleEnough = free.stream()
                .filter(m -> Duration.between(m.idleSince(), now).toSeconds() >= minIdleSeconds).toList();
        if (idleEnough.size() > waitingAhead) {
            for (QueueMember member : idleEnough) {
                if (claims.tryClaim(member.memberInterface(), queue, callbackId, now, now.plus(properties.claimTtl()))) {
                    log.info("Callback {} claimed agent {} of queue {} (idle {} s)", callbackId, member.name(), queue,
                            Duration.between(member.idleSince(), now).toSeconds());
                    return new Result(true, 0, member.memberInterface(), member.name());
                }
            }
        }
        if (idleEnough.isEmpty()) {
            long shortestWait = free.stream()
                    .mapToLong(m -> minIdleSeconds - Duration.between(m.idleSince(), now).toSeconds())
                    .min().orElse(Long.MAX_VALUE);
            if (shortestWait != Long.MAX_VALUE) {
                log.debug("Callback {}: an agent of queue {} is free but idle for less than {} s; waiting {} s",
                        callbackId, queue, minIdleSeconds, shortestWait);
                return new Result(false, Math.max(shortestWait, 1), null, null);
            }
        }
        log.info("Callback {} waits: no available agent in queue {}{}", callbackId, queue,
                waitingAhead > 0 && !idleEnough.isEmpty() ? " (" + waitingAhead + " due earlier go first)" : "");
        return Result.none();
    }

    /** The agent this callback holds a live claim on, if any. */
    public Optional<String> liveClaimOf(UUID callbackId) {
        return claims.liveClaimOf(callbackId, clock.instant());
    }

    /** The attempt ended without reaching the customer, or the customer reached an agent: the claim is done. */
    public void release(UUID callbackId) {
        claims.release(callbackId);
    }

    /** The call is being placed: keep the agent reserved while the customer's phone rings. */
    public void holdWhileRinging(UUID callbackId, Duration ringing) {
        claims.holdUntil(callbackId, clock.instant().plus(ringing));
    }

    /**
     * The customer answered: keep the agent reserved while the customer hears the callback message and
     * reaches the queue, until the customer reaches an agent or leaves ({@link #release}), at most
     * {@code ringback.agents.answered-claim-hold}.
     */
    public void holdForAnsweredCall(UUID callbackId) {
        claims.holdUntil(callbackId, clock.instant().plus(properties.answeredClaimHold()));
    }

    /** Number of available agents of a queue not claimed by any callback. */
    public int unclaimedAvailable(String queue) {
        Set<String> claimed = claims.liveClaims(clock.instant());
        return (int) registry.available(queue).stream().filter(m -> !claimed.contains(m.memberInterface())).count();
    }
}
