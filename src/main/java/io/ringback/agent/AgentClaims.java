package io.ringback.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Decides whether a callback may dial now: an agent of its target (a queue's members, or only those
 * of a group, or one agent) must be available, idle for at least the policy's agent idle time, and
 * not claimed by another callback. A successful check claims the agent, so there are never more
 * callbacks in flight for a target than its idle agents, and an agent is never claimed twice.
 * Callbacks of the same target whose attempt became due earlier go first: a claimant with
 * {@code waitingAhead} such callbacks waiting only gets an agent when there are more free agents than that.
 */
@Service
public class AgentClaims {

    private static final Logger log = LoggerFactory.getLogger(AgentClaims.class);

    /** The shortest wait for an agent's idle time: the model's timer needs a positive duration. */
    private static final Duration MIN_WAIT = Duration.ofMillis(10);

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
     * @param idleWait when not claimed but an agent is free: how long until it has been idle long enough, to
     *     the millisecond (zero otherwise)
     * @param agentName the claimed agent's name (for display)
     */
    public record Result(boolean claimed, Duration idleWait, String agentInterface, String agentName) {
        static Result none() {
            return new Result(false, Duration.ZERO, null, null);
        }

        /** {@link #idleWait} in whole seconds, rounded up. */
        public long waitSeconds() {
            return (idleWait.toMillis() + 999) / 1000;
        }
    }

    /** A queue's agents, or only some of them. */
    public record Eligible(String targetKey, String queue, Set<String> onlyInterfaces) {

        /** Every member of the queue. */
        public static Eligible queue(String queue) {
            return new Eligible("queue:" + queue, queue, null);
        }

        /**
         * Only the members of the queue with one of these interfaces (compared without regard to case,
         * as Asterisk does).
         */
        public static Eligible only(String targetKey, String queue, Set<String> interfaces) {
            return new Eligible(targetKey, queue, interfaces.stream().map(i -> i.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet()));
        }

        boolean includes(QueueMember member) {
            return onlyInterfaces == null || onlyInterfaces.contains(member.memberInterface().toLowerCase(Locale.ROOT));
        }
    }

    public Result claim(UUID callbackId, String queue, long minIdleSeconds, int waitingAhead) {
        return claim(callbackId, Eligible.queue(queue), minIdleSeconds, waitingAhead);
    }

    /**
     * @param waitingAhead callbacks of the same target whose attempt became due before this one's and
     *     that wait for an agent: they get the free agents first
     */
    public Result claim(UUID callbackId, Eligible target, long minIdleSeconds, int waitingAhead) {
        Instant now = clock.instant();
        String queue = target.queue();
        List<QueueMember> available = registry.available(queue).stream().filter(target::includes).toList();
        var held = claims.liveClaimOf(callbackId, now);
        if (held.isPresent()) { // a redelivered job: keep the claim made the first time
            String name = available.stream().filter(m -> m.memberInterface().equals(held.get()))
                    .map(QueueMember::name).findFirst().orElse(held.get());
            return new Result(true, Duration.ZERO, held.get(), name);
        }
        Set<String> claimed = claims.liveClaims(now);
        List<QueueMember> free = available.stream().filter(m -> !claimed.contains(m.memberInterface())).toList();
        // to the millisecond: an agent idle 1.9 s of 2 s waits 0.1 s more, not a whole second
        Duration minIdle = Duration.ofSeconds(minIdleSeconds);
        List<QueueMember> idleEnough = free.stream()
                .filter(m -> Duration.between(m.idleSince(), now).compareTo(minIdle) >= 0).toList();
        if (idleEnough.size() > waitingAhead) {
            for (QueueMember member : idleEnough) {
                if (claims.tryClaim(member.memberInterface(), queue, target.targetKey(), callbackId, now,
                        now.plus(properties.claimTtl()))) {
                    log.info("Callback {} claimed agent {} for {} (idle {} s)", callbackId, member.name(),
                            target.targetKey(), Duration.between(member.idleSince(), now).toSeconds());
                    return new Result(true, Duration.ZERO, member.memberInterface(), member.name());
                }
            }
        }
        if (idleEnough.isEmpty()) {
            var shortestWait = free.stream()
                    .map(m -> minIdle.minus(Duration.between(m.idleSince(), now)))
                    .min(Duration::compareTo);
            if (shortestWait.isPresent()) {
                Duration wait = shortestWait.get().compareTo(MIN_WAIT) < 0 ? MIN_WAIT : shortestWait.get();
                log.debug("Callback {}: an agent for {} is free but idle for less than {} s; waiting {} ms",
                        callbackId, target.targetKey(), minIdleSeconds, wait.toMillis());
                return new Result(false, wait, null, null);
            }
        }
        log.info("Callback {} waits: no available agent for {}{}", callbackId, target.targetKey(),
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
        return unclaimedAvailable(Eligible.queue(queue));
    }

    /** Number of available agents of a target (a queue, or some of its members) not claimed by any callback. */
    public int unclaimedAvailable(Eligible target) {
        Set<String> claimed = claims.liveClaims(clock.instant());
        return (int) registry.available(target.queue()).stream().filter(target::includes)
                .filter(m -> !claimed.contains(m.memberInterface())).count();
    }
}
