package io.ringback.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A simulated Asterisk: an AMI server speaking the real protocol over TCP, faithful to the Asterisk
 * 22 captures in {@code shared/ami-transcripts/}, with scripted customers and queues.
 *
 * <p>Clients log in with the configured user (MD5 challenge or plain secret) and may send Ping,
 * CoreSettings, QueueStatus, QueuePause and Originate. Originated calls meet the
 * {@link CustomerBehaviour} registered for the dialed number; answered ones play the callback
 * message, join their callback queue and are connected to a free member; answered and failed calls
 * over Local channels end with the Hangup events of the captures. The scenario methods below drive
 * the PBX from a test; they are thread-safe, never block on clients, and their events go to every
 * logged-in session. {@link #suspend()} takes the manager interface down while the PBX goes on.
 *
 * <pre>{@code
 * try (var asterisk = new SimulatedAsterisk(SimulatorConfig.defaults().withPort(0))) {
 *     asterisk.start();
 *     asterisk.setBehaviour("0555123456", CustomerBehaviour.BUSY, CustomerBehaviour.ANSWER);
 *     // connect with asterisk-java to 127.0.0.1:asterisk.port(), user and secret "ringback"
 * }
 * }</pre>
 */
public final class SimulatedAsterisk implements AutoCloseable {

    /** Messages a client may fall behind before it is disconnected as not reading. */
    private static final int OUTBOX_CAPACITY = 10_000;

    private final SimulatorConfig config;
    private final AmiServer server;
    private final Timeline timeline = new Timeline();
    private final BehaviourBook behaviours;
    private final QueueEngine queues;
    private final Originator originator;
    private final AmiActions actions;
    private final QueueLog queueLog = new QueueLog();
    private final Calls calls = new Calls();
    private final Object lifecycle = new Object();
    private boolean started;
    private volatile boolean closed;

    public SimulatedAsterisk(SimulatorConfig config) {
        this(config, OUTBOX_CAPACITY);
    }

    /** For tests of slow clients: a smaller outbox overflows sooner. */
    SimulatedAsterisk(SimulatorConfig config, int outboxCapacity) {
        this.config = Objects.requireNonNull(config, "config");
        Clock clock = Clock.systemUTC();
        Instant bootTime = clock.instant();
        this.server = new AmiServer(outboxCapacity);
        ChannelFactory channels = new ChannelFactory(clock, config.channelVariables());
        this.behaviours = new BehaviourBook(config.defaultBehaviour());
        this.queues = new QueueEngine(config, bootTime.getEpochSecond(), channels, server::broadcast, timeline, clock,
                queueLog, calls);
        this.originator = new Originator(config, behaviours, queues, channels, server::broadcast, timeline, calls,
                clock);
        this.actions = new AmiActions(config, queues, originator, clock, bootTime);
    }

    /**
     * Binds {@code config.port()} on the loopback interface (0 picks a free port) and accepts clients.
     *
     * @throws UncheckedIOException  when the port cannot be bound
     * @throws IllegalStateException when already started or closed
     */
    public void start() {
        synchronized (lifecycle) {
            if (closed || started) {
                throw new IllegalStateException(closed ? "Simulator is closed" : "Simulator already started");
            }
            try {
                server.start(config.port(), actions);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot listen on port " + config.port(), e);
            }
            started = true;
        }
    }

    /** The bound port; {@code config.port()} unless that was 0. */
    public int port() {
        return server.port();
    }

    /** Started and not closed; also while {@linkplain #suspend() suspended}, as the PBX still runs. */
    public boolean isRunning() {
        synchronized (lifecycle) {
            return started && !closed;
        }
    }

    /** Stops listening, closes every client socket and cancels pending call steps. Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        server.close();
        timeline.close();
    }

    /**
     * A caller waits in {@code queue} for {@code holdSeconds} and hangs up: QueueCallerJoin,
     * AgentCalled (when a member is free), QueueCallerAbandon with Position, OriginalPosition and
     * HoldTime, QueueCallerLeave, and the Hangups of the caller's and the rung member's channels, as in
     * abandon.txt. The events go out at once; the hold is reported, not waited for.
     *
     * @return the caller channel's Uniqueid, e.g. {@code 1795288839.1}
     * @throws IllegalArgumentException for an unknown queue or a negative hold time
     */
    public String abandon(String queue, String callerNumber, String callerName, int holdSeconds) {
        ensureOpen();
        if (holdSeconds < 0) {
            throw new IllegalArgumentException("holdSeconds must not be negative");
        }
        return queues.abandon(Objects.requireNonNull(queue, "queue"), CallerId.of(callerNumber, callerName), holdSeconds);
    }

    /**
     * A customer calls {@code queue} and an agent answers at once: QueueCallerJoin, AgentCalled,
     * QueueCallerLeave, AgentConnect, QueueMemberStatus (in use); after {@code talkTime} AgentComplete
     * and QueueMemberStatus (free, LastCall updated). Uses the first member when none is free. No
     * capture shows how such a call hangs up, so no Hangup is reported.
     *
     * @return the caller channel's Uniqueid
     * @throws IllegalArgumentException for an unknown queue
     * @throws IllegalStateException    when the queue has no members
     */
    public String inboundServed(String queue, String callerNumber, String callerName) {
        ensureOpen();
        return queues.inboundServed(Objects.requireNonNull(queue, "queue"), CallerId.of(callerNumber, callerName));
    }

    /**
     * Scripts the customer at {@code number}: each Originate to it consumes the next behaviour, the
     * last one repeats. A dialed number matches exactly, else by the longest registered number it
     * ends with (so a dial prefix still matches); digits only are compared.
     */
    public void setBehaviour(String number, CustomerBehaviour... sequence) {
        behaviours.register(number, sequence);
    }

    /** Pauses or unpauses a member in one queue; emits QueueMemberPause as in status.txt. */
    /**
     * Writes {@code bytes} as they are, in order with the events before and after them, to every logged-in
     * session: for tests of hostile input (a frame without its blank line, bytes that are not UTF-8, an
     * OriginateResponse for an ActionID nobody sent). Nothing checks or completes them; no real Asterisk
     * would send them.
     */
    public void sendRaw(byte[] bytes) {
        ensureOpen();
        server.broadcastRaw(Objects.requireNonNull(bytes, "bytes"));
    }

    public void setMemberPaused(String queue, String memberInterface, boolean paused, String reason) {
        ensureOpen();
        queues.setMemberPaused(Objects.requireNonNull(queue, "queue"), memberInterface, paused, reason);
    }

    /**
     * Logs a member in and free ({@code Status: 1}) or out ({@code Status: 5}); emits QueueMemberStatus.
     * A member becoming free takes the next waiting caller.
     */
    public void setMemberAvailable(String queue, String memberInterface, boolean loggedInAndFree) {
        ensureOpen();
        queues.setMemberAvailable(Objects.requireNonNull(queue, "queue"), memberInterface, loggedInAndFree);
    }

    /** Adds a dynamic member to a configured queue; emits QueueMemberAdded. */
    public void addMember(String queue, String memberInterface, String memberName) {
        ensureOpen();
        queues.addMember(Objects.requireNonNull(queue, "queue"), Objects.requireNonNull(memberInterface, "memberInterface"),
                Objects.requireNonNull(memberName, "memberName"));
    }

    /** Abruptly closes every client socket while the server keeps listening, to test reconnects. */
    public void dropConnections() {
        server.dropConnections();
    }

    /**
     * An AMI outage, as when Asterisk's manager port goes down: closes every client session and
     * refuses new connections until {@link #resume()}. The PBX goes on (queues, calls and the scenario
     * methods keep working), but nothing it does meanwhile reaches any client, then or later.
     * Idempotent.
     *
     * @throws IllegalStateException when not started or closed
     */
    public void suspend() {
        synchronized (lifecycle) {
            ensureStarted();
            server.suspend();
        }
    }

    /**
     * Ends the {@linkplain #suspend() outage}: listens on the same port again, so that clients can
     * connect and log in and QueueStatus shows the current state. Idempotent.
     *
     * @throws UncheckedIOException  when the port cannot be bound again (the simulator stays suspended)
     * @throws IllegalStateException when not started or closed
     */
    public void resume() {
        synchronized (lifecycle) {
            ensureStarted();
            try {
                server.resume();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot listen on port " + server.port() + " again", e);
            }
        }
    }

    /** Whether the manager interface is down after {@link #suspend()}. */
    public boolean isSuspended() {
        return server.isSuspended();
    }

    /**
     * Stops (or resumes) answering async Originate actions; the calls are still placed and their
     * OriginateResponse events still sent. A client waiting for the action's response times out.
     */
    public void setOriginateResponses(boolean answered) {
        actions.answerOriginates(answered);
    }

    /**
     * Every row written to the queue_log so far, in order. Asterisk writes it whether or not AMI is up,
     * so the rows of a {@linkplain #suspend() suspended} manager interface's outage are here too.
     */
    public List<QueueLogEntry> queueLog() {
        return queueLog.entries();
    }

    /**
     * Hands every queue_log row from now on also to {@code sink}, such as a {@link JdbcQueueLog} (the
     * realtime {@code queue_log} table of {@code res_config_pgsql}). The sink must not block.
     */
    public void addQueueLogSink(Consumer<QueueLogEntry> sink) {
        queueLog.addSink(Objects.requireNonNull(sink, "sink"));
    }

    /** Tells {@code journal} of every Originate received from now on and of the end of its call. */
    public void addCallJournal(CallJournal journal) {
        calls.addJournal(Objects.requireNonNull(journal, "journal"));
    }

    /**
     * Whether the call of the Originate with this {@code ChannelId} is still live: ringing, answered,
     * hearing the message, in the queue or talking to an agent.
     */
    public boolean isCallLive(String channelId) {
        return calls.isLive(channelId);
    }

    /** When the call of the Originate with this {@code ChannelId} ended, if it did. */
    public Optional<Instant> callEnd(String channelId) {
        return calls.endOf(channelId);
    }

    /** Every Originate received, in order. */
    public List<OriginateRecord> originates() {
        return originator.received();
    }

    /** Sessions currently connected and logged in. */
    public int loggedInSessions() {
        return server.loggedInSessions();
    }

    private void ensureStarted() {
        ensureOpen();
        if (!started) {
            throw new IllegalStateException("Simulator not started");
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Simulator is closed");
        }
    }
}
