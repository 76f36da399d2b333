package io.ringback.callback;

import io.ringback.agent.AgentClaims;
import io.ringback.agent.AgentRegistry.AgentBecameAvailable;
import io.ringback.directory.AgentRemoved;
import io.ringback.process.CallTarget;
import io.ringback.process.CallbackProcess.Messages;
import io.ringback.process.ProcessMessages;
import io.ringback.process.ProcessProperties;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Wakes callbacks that wait for an agent when one becomes available (or a claim is released): as
 * many waiting callbacks of the queue as there are unclaimed available agents get an
 * {@code agent-available} message, the one whose attempt became due first first. Their processes
 * then check again (and respect the idle time). The model has no recheck timer of its own (a wait of
 * hours costs no records): a nudge lost here (a restart, an AMI outage) is made up for by
 * {@link #recheck()}, every {@code ringback.agents.recheck-interval}, which nudges the waiting callbacks
 * an agent of their own target (queue, group or owner) is free for, and nobody while nobody is free.
 */
@Component
public class AgentAvailabilityNotifier implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AgentAvailabilityNotifier.class);

    private final CallbackRepository callbacks;
    private final AgentClaims claims;
    private final ProcessMessages messages;
    private final TargetAgents targetAgents;
    private final ProcessProperties properties;
    private final Clock clock;
    private final ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1000), r -> Thread.ofPlatform().name("agent-notifier").daemon().unstarted(r),
            new ThreadPoolExecutor.DiscardOldestPolicy());

    public AgentAvailabilityNotifier(CallbackRepository callbacks, AgentClaims claims, ProcessMessages messages,
                                     TargetAgents targetAgents, ProcessProperties properties, Clock clock) {
        this.callbacks = callbacks;
        this.claims = claims;
        this.messages = messages;
        this.targetAgents = targetAgents;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void on(AgentBecameAvailable event) {
        nudgeLater(event.queue());
    }

    /**
     * An agent left the company: the callbacks they own stop waiting for them now, not at the end of
     * their owner wait — each is nudged, its claim finds the owner gone from the directory and the model
     * releases it to the first free agent of the queue ({@code release-owner}). A callback not waiting
     * at that moment is released at its next claim.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(AgentRemoved event) {
        executor.execute(() -> {
            try {
                long stamp = clock.millis();
                for (UUID callbackId : callbacks.pendingOwnedBy(event.userId())) {
                    messages.publish(Messages.AGENT_AVAILABLE, callbackId.toString(), callbackId + "@removed@" + stamp,
                            properties.agentMessageTtl(), Map.of());
                    log.info("Callback {}: its owner {} left the agent directory; releasing it", callbackId,
                            event.userId());
                }
            } catch (RuntimeException e) {
                log.warn("Could not release the callbacks of removed agent {} now ({}); their next claim does",
                        event.userId(), e.getMessage());
            }
        });
    }

    /** Nudges waiting callbacks of the queue, off the caller's thread. */
    public void nudgeLater(String queue) {
        executor.execute(() -> nudge(queue));
    }

    void nudge(String queue) {
        try {
            if (claims.unclaimedAvailable(queue) == 0) {
                return;
            }
            nudgeThoseAnAgentIsFreeFor(callbacks.waitingForAgent(queue, WAITING_LIMIT), "@");
        } catch (RuntimeException e) {
            log.warn("Could not nudge callbacks of queue {}: {}", queue, e.getMessage());
        }
    }

    /** Waiting callbacks looked at, at most, in one nudge or recheck: the due first. */
    static final int WAITING_LIMIT = 10_000;

    @Scheduled(fixedDelayString = "${ringback.agents.recheck-interval:30s}",
            initialDelayString = "${ringback.agents.recheck-interval:30s}")
    void recheckLater() {
        executor.execute(this::recheck);
    }

    /**
     * The safety net for a lost nudge: every waiting callback an agent of its own target is free for is
     * nudged, as {@link #nudge} does for one queue.
     */
    public void recheck() {
        try {
            int nudged = nudgeThoseAnAgentIsFreeFor(callbacks.waitingForAgent(null, WAITING_LIMIT), "@recheck@");
            if (nudged > 0) {
                log.info("Recheck: {} callback(s) still waited although an agent of their target is free; nudged", nudged);
            }
        } catch (RuntimeException e) {
            log.warn("Could not recheck the callbacks waiting for an agent: {}", e.getMessage());
        }
    }

    /**
     * For each target (a queue, a group of it, an owner), as many of its waiting callbacks (due first
     * first) as it has free agents — not the queue's free agents: an agent who is not the owner must not
     * wake the owner's callbacks, which would only wait again, ahead of the queue's own.
     */
    private int nudgeThoseAnAgentIsFreeFor(List<CallbackRepository.WaitingForAgent> waiting, String tag) {
        Map<CallTarget, List<UUID>> byTarget = new LinkedHashMap<>();
        waiting.forEach(w -> byTarget.computeIfAbsent(w.target(), t -> new ArrayList<>()).add(w.id()));
        long stamp = clock.millis();
        int nudged = 0;
        for (var entry : byTarget.entrySet()) {
            List<UUID> ids = entry.getValue();
            int free = claims.unclaimedAvailable(targetAgents.of(entry.getKey()));
            for (UUID callbackId : ids.subList(0, Math.min(free, ids.size()))) {
                messages.publish(Messages.AGENT_AVAILABLE, callbackId.toString(), callbackId + tag + stamp,
                        properties.agentMessageTtl(), Map.of());
                log.debug("Nudged callback {}: an agent for {} is available", callbackId, entry.getKey().key());
                nudged++;
            }
        }
        return nudged;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
