package io.ringback.telephony;

import io.ringback.support.InputRule;
import io.ringback.telephony.PbxEvents.PbxLinkDown;
import io.ringback.telephony.PbxEvents.PbxLinkUp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
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
 *   <li>asterisk-java delivers every event and response on one reader thread, and Asterisk drops a
 *       manager session whose writes stall ({@code writetimeout}): {@link #onManagerEvent} never
 *       blocks. Events are handed to our own single thread, in order. The hand-off queue is not
 *       bounded for the events that matter (abandons, outcomes, connects, hangups: nothing accepted
 *       is lost); when it holds more than {@code ringback.ami.event-queue-capacity} events, member
 *       state events are dropped instead and the members are read again with {@code QueueStatus}
 *       once the queue has drained, since the state they report is all in that answer.
 *   <li>At every (re)connect the members are read again, then {@link PbxLinkUp} is published.
 *   <li>An outage is one line when the link goes down and one when it is back; the rest is metrics.
 *   <li>asterisk-java reads the socket through {@link AmiWireGuard}: a malformed message (no blank line,
 *       a header twice, bytes that are not UTF-8, a NUL, an endless line, an unknown event type) is
 *       rejected loudly and skipped; the session and the messages around it go on.
 * </ul>
 */
@Component
public class AmiConnection implements SmartLifecycle, ManagerEventListener {

    private static final Logger log = LoggerFactory.getLogger(AmiConnection.class);

    /** Connection state as shown by the health indicator. */
    public enum State { STARTING, CONNECTED, DISCONNECTED, STOPPED }

    private final AmiProperties properties;
    private final AmiEventTranslator translator;
    private final Clock clock;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLong loginFailures = new AtomicLong();
    private final AtomicLong droppedMemberEvents = new AtomicLong();
    private final AtomicBoolean resyncWanted = new AtomicBoolean();
    private final LinkedBlockingQueue<Runnable> backlog = new LinkedBlockingQueue<>();

    private volatile ManagerConnection connection;
    private volatile State state = State.STOPPED;
    private volatile Instant stateSince;
    private volatile Instant downSince;
    private volatile String lastError;
    private volatile boolean everConnected;
    private ExecutorService events;
    private ScheduledExecutorService loginRetries;

    public AmiConnection(AmiProperties properties, AmiEventTranslator translator, Clock clock) {
        this.properties = properties;
        this.translator = translator;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (properties.host() == null || properties.host().isBlank()) {
            throw new IllegalStateException("ringback.ami.host is not set");
        }
        events = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, backlog,
                r -> Thread.ofPlatform().name("ami-events").daemon().unstarted(r));
        loginRetries = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("ami-login").daemon().unstarted(r));
        setState(State.STARTING, null);
        downSince = clock.instant();
        loginRetries.execute(() -> firstLogin(properties.loginRetryInitial()));
    }

    private void firstLogin(Duration nextWait) {
        if (state == State.STOPPED) {
            return;
        }
        ManagerConnection candidate = new AmiWireGuard.GuardedConnection(properties.host(), properties.port(),
                properties.username(), properties.secret(), translator.rejections());
        candidate.addEventListener(this);
        try {
            candidate.login();
            connection = candidate;
            everConnected = true;
            setState(State.CONNECTED, null);
            log.info("AMI connected to {}:{} as {}", properties.host(), properties.port(), properties.username());
            enqueue(() -> linkUp(false));
        } catch (Exception e) {
            setState(State.DISCONNECTED, e.getClass().getSimpleName() + ": " + e.getMessage());
            if (loginFailures.incrementAndGet() == 1) {
                log.warn("AMI login to {}:{} failed ({}); retrying with backoff up to every {} until it succeeds",
                        properties.host(), properties.port(), lastError, properties.loginRetryMax());
            } else {
                log.debug("AMI login to {}:{} failed again ({}); next try in {}", properties.host(), properties.port(),
                        lastError, nextWait);
            }
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
                disconnects.incrementAndGet();
                downSince = clock.instant();
                setState(State.DISCONNECTED, "connection lost");
                log.warn("AMI link to {}:{} lost; nothing is dialed until it is back (asterisk-java reconnects)",
                        properties.host(), properties.port());
                enqueue(() -> translator.publish(new PbxLinkDown(downSince)));
            }
            return;
        }
        if (event instanceof ConnectEvent) {
            if (everConnected && state != State.CONNECTED && state != State.STOPPED) {
                reconnects.incrementAndGet();
                setState(State.CONNECTED, null);
                log.info("AMI link to {}:{} is back after {} s", properties.host(), properties.port(),
                        Duration.between(downSince, clock.instant()).toSeconds());
                enqueue(() -> linkUp(true));
            }
            return;
        }
        if (event instanceof ResponseEvent response && response.getInternalActionId() != null
                && !(event instanceof OriginateResponseEvent)) {
            return; // part of an action's response list (QueueStatus), delivered to that action
        }
        if (isMemberState(event) && backlog.size() >= properties.eventQueueCapacity()) {
            droppedMemberEvents.incrementAndGet();
            resyncWanted.set(true); // the state it reported is in the QueueStatus read once the backlog drains
            return;
        }
        enqueue(() -> {
            translator.handle(event);
            if (backlog.isEmpty() && resyncWanted.compareAndSet(true, false)) {
                log.info("AMI events backlog drained after dropping member state events; reading the members again");
                resyncAgents();
            }
        });
    }

    private static boolean isMemberState(ManagerEvent event) {
        return event instanceof QueueMemberStatusEvent || event instanceof QueueMemberPauseEvent
                || (event instanceof QueueMemberEvent);
    }

    private void enqueue(Runnable task) {
        ExecutorService pool = events;
        if (pool != null && !pool.isShutdown()) {
            pool.execute(task);
        }
    }

    private void linkUp(boolean reconnect) {
        resyncAgents();
        translator.publish(new PbxLinkUp(reconnect, reconnect ? Duration.between(downSince, clock.instant()) : Duration.ZERO));
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
            translator.queueStatus(list);
        } catch (Exception e) {
            log.warn("QueueStatus after connect failed: {}", e.toString());
        }
    }

    /**
     * Sends an async Originate. Returns once Asterisk has answered the action (queued or rejected),
     * or with {@link OriginateResult.Unknown} when no answer came: the outcome then arrives, or not,
     * as an OriginateResponse with the same ActionID.
     */
    public OriginateResult originate(OriginateRequest request) {
        ManagerConnection current = connection;
        if (current == null || state != State.CONNECTED || current.getState() != ManagerConnectionState.CONNECTED) {
            return new OriginateResult.NotSent("AMI is not connected (" + state + ")");
        }
        Optional<String> unsafe = unsafeHeader(request);
        if (unsafe.isPresent()) { // asterisk-java writes header values as they are: a line break would start a new header
            log.error("Originate {} refused before sending: {}", InputRule.forLog(request.actionId()), unsafe.get());
            return new OriginateResult.Rejected("refused before sending: " + unsafe.get());
        }
        OriginateAction action = new OriginateAction();
        action.setActionId(request.actionId());
        action.setChannelId(request.actionId());
        action.setChannel(request.channel());
        action.setContext(request.context());
        action.setExten(request.exten());
        action.setPriority(request.priority());
        action.setTimeout(request.timeout().toMillis());
        action.setCallerId(request.callerId());
        action.setAsync(true);
        action.setVariables(request.variables());
        ManagerResponse response;
        try {
            response = current.sendAction(action, properties.actionTimeout().toMillis());
        } catch (IllegalStateException notConnected) {
            // asterisk-java checks the state before writing anything
            return new OriginateResult.NotSent("AMI is not connected: " + notConnected.getMessage());
        } catch (TimeoutException e) {
            return new OriginateResult.Unknown("no response to the Originate within " + properties.actionTimeout());
        } catch (Exception e) {
            return new OriginateResult.Unknown("the Originate may have been sent: " + e);
        }
        if (response instanceof ManagerError error) {
            return new OriginateResult.Rejected("Asterisk rejected the Originate: " + error.getMessage());
        }
        if (response == null) {
            return new OriginateResult.Unknown("no response to the Originate");
        }
        return new OriginateResult.Queued();
    }

    /** The first header or channel variable of the Originate that is not one line of text, said safely. */
    static Optional<String> unsafeHeader(OriginateRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ActionID", request.actionId());
        headers.put("Channel", request.channel());
        headers.put("Context", request.context());
        headers.put("Exten", request.exten());
        headers.put("CallerID", request.callerId());
        request.variables().forEach((name, value) -> {
            headers.put("Variable " + InputRule.forLog(name), name);
            headers.put("Variable " + InputRule.forLog(name) + " value", value);
        });
        return headers.entrySet().stream()
                .filter(h -> h.getValue() != null && (!InputRule.isText(h.getValue()) || h.getValue().length() > 1_000))
                .map(h -> h.getKey() + " holds a control character or a line break ('" + InputRule.forLog(h.getValue()) + "')")
                .findFirst();
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

    public long disconnects() {
        return disconnects.get();
    }

    public long loginFailures() {
        return loginFailures.get();
    }

    public long droppedMemberEvents() {
        return droppedMemberEvents.get();
    }

    /** AMI events received and not handled yet. */
    public int backlog() {
        return backlog.size();
    }

    /** Seconds since the link went down, 0 while it is up. */
    public double outageSeconds() {
        return isConnected() || downSince == null ? 0 : Duration.between(downSince, clock.instant()).toMillis() / 1000.0;
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
