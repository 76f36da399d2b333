package io.ringback.callback;

import io.ringback.agent.AgentClaims;
import io.ringback.agent.AgentRegistry.AgentBecameAvailable;
import io.ringback.directory.AgentRemoved;
import io.ringback.process.CallbackProcess.Messages;
import io.ringback.process.ProcessMessages;
import io.ringback.process.ProcessProperties;
import java.time.Clock;
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
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Wakes callbacks that wait for an agent when one becomes available (or a claim is released): as
 * many waiting callbacks of the queue as there are unclaimed available agents get an
 * {@code agent-available} message, the one whose attempt became due first first. Their processes
 * then check again (and respect the idle time). A nudge lost here is made up for by the model's
 * recheck timer.
 */
@Component
public class AgentAvailabilityNotifier implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AgentAvailabilityNotifier.class);

    private final CallbackRepository callbacks;
    private final AgentClaims claims;
    private final ProcessMessages messages;
    private final ProcessProperties properties;
    private final Clock clock;
    private final ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1000), r -> Thread.ofPlatform().name("agent-notifier").daemon().unstarted(r),
            new ThreadPoolExecutor.DiscardOldestPolicy());

    public AgentAvailabilityNotifier(CallbackRepository callbacks, AgentClaims claims, ProcessMessages messages,
                                     ProcessProperties properties, Clock clock) {
        this.callbacks = callbacks;
        this.claims = claims;
        this.messages = messages;
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
            int free = claims.unclaimedAvailable(queue);
            if (free == 0) {
                return;
            }
            long stamp = clock.millis();
            for (UUID callbackId : callbacks.waitingForAgent(queue, free)) {
                messages.publish(Messages.AGENT_AVAILABLE, callbackId.toString(), callbackId + "@" + stamp,
                        properties.agentMessageTtl(), Map.of());
                log.debug("Nudged callback {}: an agent of queue {} is available", callbackId, queue);
            }
        } catch (RuntimeException e) {
            log.warn("Could not nudge callbacks of queue {}: {}", queue, e.getMessage());
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
