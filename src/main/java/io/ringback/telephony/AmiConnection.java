package io.ringback.telephony;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one AMI connection of this application instance (asterisk-java {@code ManagerConnection}).
 *
 * <ul>
 *   <li>The first login is retried with exponential backoff (asterisk-java only reconnects by
 *       itself after a successful login).
 *   <li>asterisk-java delivers every event and response on one reader thread; events are handed
 *       to our own single thread (in order, bounded) and never handled on the reader thread.
 *   <li>At every (re)connect the queue members are read again with {@code QueueStatus}.
 * </ul>
 */
@Component
public class AmiConnection implements SmartLifecycle, ManagerEventListener {

    private static final Logger log = LoggerFactory.getLogger(AmiConnection.class);

    /** Connection state as shown by the health indicator. */
    public enum State { STARTING, CONNECTED, DISCONNECTED, STOPPED }

    private final AmiProperties properties;
    private final AmiEventHandler handler;
    private final Clock clock;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong droppedWhileStopping = new AtomicLong();

    private volatile ManagerConnection connection;
    private volatile State state = State.STOPPED;
    private volatile Instant stateSince;
    private volatile String lastError;
    private volatile boolean everConnected;
    private ExecutorService events;
    private ScheduledExecutorService loginRetries;

    public AmiConnection(AmiProperties properties, AmiEventHandler handler, Clock clock) {
        this.properties = properties;
        this.handler = handler;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (properties.host() == null || properties.host().isBlank()) {
            throw new IllegalStateException("ringback.ami.host is not set and the simulated Asterisk is disabled");
        }
        BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>(properties.eventQueueCapacity());
        RejectedExecutionHandler waitForRoom = (task, pool) -> {
            if (pool.isShutdown()) {
                droppedWhileStopping.incrementAndGet();
                return;
            }
            try {
                pool.getQueue().put(task); // back-pressure on the AMI reader rather than losing an event
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        events = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, queue,
                r -> Thread.ofPlatform().name("ami-events").daemon().unstarted(r), waitForRoom);
        loginRetries = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("ami-login").daemon().unstarted(r));
        setState(State.STARTING, null);
        loginRetries.execute(() -> firstLogin(properties.loginRetryInitial()));
    }

    private void firstLogin(Duration nextWait) {
        if (state == State.STOPPED) {
            return;
        }
        ManagerConnection candidate = new ManagerConnectionFactory(properties.host(), properties.port(),
                properties.username(), properties.secret()).createManagerConnection();
        candidate.addEventListener(this);
        try {
            candidate.login();
            connection = candidate;
            everConnected = true;
            setState(State.CONNECTED, null);
            log.info("AMI connected to {}:{} as {}", properties.host(), properties.port(), properties.username());
            events.execute(this::resyncAgents);
        } catch (Exception e) {
            setState(State.DISCONNECTED, e.getClass().getSimpleName() + ": " + e.getMessage());
            log.warn("AMI login to {}:{} failed ({}); retrying in {}", properties.host(), properties.port(),
                    lastError, nextWait);
            Duration after = nextWait.multipliedBy(2);
            Duration capped = after.compareTo(properties.loginRetryMax()) > 0 ? properties.loginRetryMax() : after;
            loginRetries.schedule(() -> firstLogin(capped), nextWait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Called by asterisk-java on its reader thread: hand off, never block. */
    @Override
    public void onManagerEvent(ManagerEvent event) {
        if (event instanceof DisconnectEvent) {
            if (state == State.CONNECTED) {
                setState(State.DISCONNECTED, "connection lost");
                log.warn("AMI connection lost; asterisk-java reconnects");
            }
            return;
        }
        if (event instanceof ConnectEvent) {
            if (everConnected && state != State.CONNECTED && state != State.STOPPED) {
                reconnects.incrementAndGet();
                setState(State.CONNECTED, null);
                log.info("AMI reconnected");
                events.execute(this::resyncAgents);
            }
            return;
        }
        if (event instanceof ResponseEvent response && response.getInternalActionId() != null
                && !(event instanceof org.asteriskjava.manager.event.OriginateResponseEvent)) {
            return; // part of an action's response list (QueueStatus), delivered to that action
        }
        ExecutorService pool = events;
        if (pool != null && !pool.isShutdown()) {
            pool.execute(() -> handler.handle(event));
        }
    }

    private void resyncAgents() {
        ManagerConnection current = connection;
        if (current == null) {
            return;
        }
        try {
            ResponseEvents response = current.sendEventGeneratingAction(new QueueStatusAction(),
                    properties.actionTimeout().toMillis());
            List<ManagerEvent> list = new ArrayList<>(response.getEvents());
            handler.queueStatus(list);
        } catch (Exception e) {
            log.warn("QueueStatus after connect failed: {}", e.toString());
        }
    }

    /**
     * Sends an async Originate and returns once Asterisk has queued it; the outcome arrives later
     * as an OriginateResponse with the same ActionID.
     */
    public void originate(OriginateRequest request, OriginateProperties settings) {
        ManagerConnection current = connection;
        if (current == null || current.getState() != ManagerConnectionState.CONNECTED) {
            throw new OriginateRejectedException("AMI is not connected", null);
        }
        OriginateAction action = new OriginateAction();
        action.setActionId(request.actionId());
        action.setChannelId(request.actionId());
        action.setChannel(request.channel());
        action.setContext(settings.context());
        action.setExten(settings.exten());
        action.setPriority(settings.priority());
        action.setTimeout(settings.timeout().toMillis());
        action.setCallerId(settings.callerId());
        action.setAsync(true);
        action.setVariables(request.variables());
        ManagerResponse response;
        try {
            response = current.sendAction(action, properties.actionTimeout().toMillis());
        } catch (Exception e) {
            throw new OriginateRejectedException("Originate could not be sent: " + e, e);
        }
        if (response instanceof ManagerError error) {
            throw new OriginateRejectedException("Asterisk rejected the Originate: " + error.getMessage(), null);
        }
    }

    public boolean isConnected() {
        ManagerConnection current = connection;
        return state == State.CONNECTED && current != null && current.getState() == ManagerConnectionState.CONNECTED;
    }

    public State state() {
        return state;
    }

    public Instant stateSince() {
        return stateSince;
    }

    public String lastError() {
        return lastError;
    }

    public long reconnects() {
        return reconnects.get();
    }

    private void setState(State newState, String error) {
        state = newState;
        stateSince = clock.instant();
        lastError = error;
    }

    @Override
    public synchronized void stop() {
        State previous = state;
        setState(State.STOPPED, null);
        if (loginRetries != null) {
            loginRetries.shutdownNow();
        }
        ManagerConnection current = connection;
        if (current != null && previous == State.CONNECTED) {
            try {
                current.logoff();
            } catch (RuntimeException e) {
                log.debug("AMI logoff: {}", e.toString());
            }
        }
        if (events != null) {
            events.shutdown();
            try {
                events.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connection = null;
    }

    @Override
    public boolean isRunning() {
        return state != State.STOPPED;
    }

    /** Start after the job workers' client is ready, stop before it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
