package io.ringback.agent;

import io.ringback.callback.CallbackRepository;
import io.ringback.process.ProcessMessages;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Wakes callbacks that wait for an agent when one becomes available: as many of the oldest
 * waiting callbacks of the queue as there are unclaimed available agents get an
 * {@code agent-available} message. Their processes then re-check (and respect the idle time).
 */
@Component
public class AgentAvailabilityNotifier implements AgentRegistry.Listener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AgentAvailabilityNotifier.class);

    private final CallbackRepository callbacks;
    private final AgentClaims claims;
    private final ProcessMessages messages;
    private final Clock clock;
    private final ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1000), r -> Thread.ofPlatform().name("agent-notifier").daemon().unstarted(r),
            new ThreadPoolExecutor.DiscardOldestPolicy()); // a dropped nudge is made up by the model's recheck timer

    public AgentAvailabilityNotifier(AgentRegistry registry, CallbackRepository callbacks, AgentClaims claims,
                                     ProcessMessages messages, Clock clock) {
        this.callbacks = callbacks;
        this.claims = claims;
        this.messages = messages;
        this.clock = clock;
        registry.addListener(this);
    }

    @Override
    public void agentAvailable(String queue, String memberInterface) {
        executor.execute(() -> nudge(queue));
    }

    /** Nudges waiting callbacks of the queue (also after a claim was released). */
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
                messages.agentAvailable(callbackId, callbackId + "@" + stamp);
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
