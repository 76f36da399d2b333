package io.ringback.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queues of the simulated PBX: callers join, wait in FIFO order, are connected to a free member,
 * talk for the configured time and complete, or hang up while waiting; members are paused, logged in
 * or out and added.
 *
 * <p>Every state change and the events describing it happen under one lock, so the events of
 * concurrent scenarios never interleave inside a sequence and always match the state QueueStatus
 * reports. Publishing only enqueues, so holding the lock never waits for a client.
 *
 * <p>Hangups follow the captures: an abandoning inbound caller (abandon.txt), a callback that
 * completes (originate.txt) or leaves the queue (callback-leaves-queue.txt) report the Hangups of
 * their channels and of a rung member's channels; an inbound served call, never captured, reports none.
 */
final class QueueEngine {

    private static final Logger log = LoggerFactory.getLogger(QueueEngine.class);

    /** A caller connected to a member, until AgentComplete. */
    private record ActiveCall(CallQueue queue, QueueMember member, QueueCaller caller, ChannelPair agent,
            long holdSeconds, int originalPosition, Instant connectedAt) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final QueueRegistry registry;
    private final ChannelFactory channels;
    private final EventSink events;
    private final Timeline timeline;
    private final Duration talkTime;
    private final Duration leaveQueueAfter;
    private final Clock clock;
    private final QueueLog queueLog;
    private final Calls calls;

    QueueEngine(SimulatorConfig config, long loginTime, ChannelFactory channels, EventSink events,
            Timeline timeline, Clock clock, QueueLog queueLog, Calls calls) {
        this.registry = new QueueRegistry(config.queues(), loginTime);
        this.channels = channels;
        this.events = events;
        this.timeline = timeline;
        this.talkTime = config.talkTime();
        this.leaveQueueAfter = config.leaveQueueAfter();
        this.clock = clock;
        this.queueLog = queueLog;
        this.calls = calls;
    }

    /**
     * An inbound caller joins, is offered to a free member (if any) and hangs up after
     * {@code holdSeconds}, with the events and Hangups of abandon.txt. The hold is reported, not waited
     * for.
     *
     * @return the caller channel's Uniqueid
     */
    String abandon(String queueName, CallerId caller, int holdSeconds) {
        return withLock(() -> {
            CallQueue queue = registry.require(queueName);
            ChannelPair inbound = channels.inboundCaller(queueName, caller);
            Channel channel = inbound.two();
            int position = queue.waiting().size() + 1;
            events.publish(AmiEvents.queueCallerJoin(channel, queueName, position, position));
            Optional<QueueMember> rungMember = queue.freeMember();
            Optional<ChannelPair> rung = rungMember.map(member -> ring(channel, member, ChannelState.RINGING));
            rungMember.ifPresent(member -> events.publish(
                    AmiEvents.queueMemberStatus(member.snapshot().withStatus(AgentDevice.STATUS_IN_USE))));
            events.publish(AmiEvents.hangupRequest(channel, HangupCause.NOT_DEFINED));
            events.publish(AmiEvents.hangup(inbound.one(), HangupCause.NOT_DEFINED));
            rung.ifPresent(agent -> {
                agent.second().ifPresent(two -> events.publish(AmiEvents.hangupRequest(two, HangupCause.NOT_DEFINED)));
                events.publish(AmiEvents.hangup(agent.one(), HangupCause.NOT_DEFINED));
            });
            events.publish(AmiEvents.queueCallerAbandon(channel, queueName, position, position, holdSeconds));
            events.publish(AmiEvents.queueCallerLeave(channel, queueName, position, queue.waiting().size()));
            rung.flatMap(ChannelPair::second)
                    .ifPresent(two -> events.publish(AmiEvents.hangup(two, HangupCause.NOT_DEFINED)));
            rungMember.ifPresent(member -> events.publish(AmiEvents.queueMemberStatus(member.snapshot())));
            events.publish(AmiEvents.hangup(channel, HangupCause.NOT_DEFINED));
            queue.abandoned(holdSeconds);
            Instant now = clock.instant();
            queueLog.write(enterQueue(now.minusSeconds(holdSeconds), channel, queueName, position));
            queueLog.write(QueueLogEntry.of(now, channel.uniqueId(), queueName, QueueLogEntry.NO_AGENT,
                    QueueLogEntry.ABANDON, position, position, holdSeconds));
            return channel.uniqueId();
        });
    }

    /**
     * An inbound caller joins and is answered at once by a free member, or by the first member when
     * none is free; AgentComplete follows after the talk time.
     *
     * @return the caller channel's Uniqueid
     */
    String inboundServed(String queueName, CallerId caller) {
        return withLock(() -> {
            CallQueue queue = registry.require(queueName);
            if (queue.members().isEmpty()) {
                throw new IllegalStateException("Queue " + queueName + " has no members to answer the call");
            }
            QueueMember member = queue.freeMember().orElse(queue.members().getFirst());
            Channel channel = channels.inboundCaller(queueName, caller).two();
            int position = queue.waiting().size() + 1;
            events.publish(AmiEvents.queueCallerJoin(channel, queueName, position, position));
            queueLog.write(enterQueue(clock.instant(), channel, queueName, position));
            connect(queue, QueueCaller.inbound(channel), member, position, 0);
            return channel.uniqueId();
        });
    }

    /**
     * An answered call runs {@code Queue(queueName)}: it joins and waits until a member is free. A
     * caller whose members never answer rings a free member at once (AgentCalled; none when no member
     * is free) and hangs up after the configured leave time, as in callback-leaves-queue.txt.
     */
    void joinQueue(QueueCaller caller, String queueName) {
        runLocked(() -> {
            Optional<CallQueue> found = registry.find(queueName);
            if (found.isEmpty()) {
                log.warn("Call {} asked for unknown queue {}; it is not queued", caller.channel().uniqueId(),
                        queueName);
                calls.ended(caller.channel().uniqueId(), clock.instant(), "no such queue " + queueName);
                return;
            }
            CallQueue queue = found.get();
            int position = queue.waiting().size() + 1;
            events.publish(AmiEvents.queueCallerJoin(caller.channel(), queue.name(), position, position));
            queueLog.write(enterQueue(clock.instant(), caller.channel(), queue.name(), position));
            if (caller.membersAnswer()) {
                queue.waiting().addLast(new CallQueue.WaitingCaller(caller, clock.instant(), position, null));
                connectWaitingCallers(queue);
                return;
            }
            ChannelPair rung = queue.freeMember().map(member -> ring(caller.channel(), member, ringingState(caller)))
                    .orElse(null);
            CallQueue.WaitingCaller waiting = new CallQueue.WaitingCaller(caller, clock.instant(), position, rung);
            queue.waiting().addLast(waiting);
            timeline.after(leaveQueueAfter, () -> leave(queue, waiting));
        });
    }

    /**
     * An answered callback runs {@code Dial(${CB_AGENT},20,t)} (docker/asterisk/extensions.conf): the
     * agent's device is rung directly — DialBegin, then DialEnd ANSWER when it is logged in and on no
     * call (a queue pause does not stop a direct dial, as in Asterisk), the device in use for the talk
     * time, then the call's Hangups and the device free again. Otherwise DialEnd NOANSWER (CHANUNAVAIL
     * for a logged-out or unknown device) after the ring time and the customer joins {@code queueName}.
     */
    void dialAgent(QueueCaller caller, String agentInterface, String queueName, Duration ringTime) {
        runLocked(() -> {
            List<QueueMember> memberships = registry.membershipsOf(agentInterface);
            Channel channel = caller.channel();
            ChannelPair agent = channels.agentLeg(agentInterface, channel, ChannelState.DOWN);
            events.publish(AmiEvents.dialBegin(channel, agent.one(), agentInterface));
            Optional<AgentDevice> device = memberships.stream().map(QueueMember::device).findFirst();
            if (device.isEmpty() || !device.get().isIdle()) {
                String status = device.isPresent() && device.get().status() == AgentDevice.STATUS_IN_USE
                        ? "NOANSWER" : "CHANUNAVAIL";
                Duration rang = "CHANUNAVAIL".equals(status) ? Duration.ZERO : ringTime;
                timeline.after(rang, () -> runLocked(() -> {
                    events.publish(AmiEvents.dialEnd(channel, agent.one().withState(ChannelState.RINGING), status));
                    agent.second().ifPresent(two -> events.publish(AmiEvents.hangup(two, HangupCause.NORMAL_CLEARING)));
                    events.publish(AmiEvents.hangup(agent.one(), HangupCause.NORMAL_CLEARING));
                    joinQueue(caller, queueName);
                }));
                return;
            }
            ChannelPair answered = agent.withStates(ChannelState.UP, ChannelState.UP);
            events.publish(AmiEvents.dialEnd(channel, answered.one(), "ANSWER"));
            AgentDevice busy = device.get();
            busy.callStarted();
            publishDeviceStatus(busy);
            Instant connectedAt = clock.instant();
            timeline.after(talkTime, () -> runLocked(() -> {
                events.publish(AmiEvents.hangupRequest(channel, HangupCause.NORMAL_CLEARING));
                caller.callback().second()
                        .ifPresent(two -> events.publish(AmiEvents.hangup(two, HangupCause.NORMAL_CLEARING)));
                events.publish(AmiEvents.hangup(channel, HangupCause.NORMAL_CLEARING));
                answered.second().ifPresent(
                        two -> events.publish(AmiEvents.hangupRequest(two, HangupCause.NORMAL_CLEARING)));
                events.publish(AmiEvents.hangup(answered.one(), HangupCause.NORMAL_CLEARING));
                answered.second().ifPresent(two -> events.publish(AmiEvents.hangup(two, HangupCause.NORMAL_CLEARING)));
                long now = clock.instant().getEpochSecond();
                memberships.forEach(member -> member.callCompleted(now));
                log.debug("Direct call to {} ended after {} s", agentInterface, secondsSince(connectedAt));
                calls.ended(channel.uniqueId(), clock.instant(), "completed with " + agentInterface + " (direct dial)");
                busy.callEnded();
                publishDeviceStatus(busy);
                connectWaitingCallers(busy);
            }));
        });
    }

    /**
     * Publishes a sequence of call events (an Originate's outcome, a hangup) under the lock, so that no
     * queue sequence interleaves with it.
     */
    void atomically(Runnable publishing) {
        runLocked(publishing);
    }

    Optional<String> firstQueueName() {
        return withLock(registry::firstQueueName);
    }

    /** Whether the interface is a member of {@code queueName}, or of any queue when it is {@code null}. */
    boolean hasMember(String queueName, String memberInterface) {
        return withLock(() -> queueName == null
                ? !registry.membershipsOf(memberInterface).isEmpty()
                : registry.find(queueName).flatMap(q -> q.member(memberInterface)).isPresent());
    }

    /**
     * Pauses or unpauses the member in {@code queueName}, or in every queue when it is {@code null};
     * emits QueueMemberPause per membership. Unpausing offers waiting callers to the member.
     */
    void setMemberPaused(String queueName, String memberInterface, boolean paused, String reason) {
        runLocked(() -> {
            List<QueueMember> memberships = queueName == null
                    ? registry.membershipsOf(memberInterface)
                    : List.of(registry.requireMember(queueName, memberInterface));
            if (memberships.isEmpty()) {
                throw new IllegalArgumentException("No queue has member " + memberInterface);
            }
            long now = clock.instant().getEpochSecond();
            for (QueueMember member : memberships) {
                member.pause(paused, reason, now);
                events.publish(AmiEvents.queueMemberPause(member.snapshot()));
            }
            if (!paused) {
                memberships.forEach(member -> connectWaitingCallers(registry.require(member.queue())));
            }
        });
    }

    /**
     * Logs the member's device in (free) or out (unavailable); emits QueueMemberStatus for each of its
     * memberships. A device becoming free is offered waiting callers.
     */
    void setMemberAvailable(String queueName, String memberInterface, boolean loggedInAndFree) {
        runLocked(() -> {
            AgentDevice device = registry.requireMember(queueName, memberInterface).device();
            device.loggedIn(loggedInAndFree);
            publishDeviceStatus(device);
            if (loggedInAndFree) {
                connectWaitingCallers(device);
            }
        });
    }

    /** Adds a dynamic member (QueueMemberAdded) and offers it waiting callers. */
    void addMember(String queueName, String memberInterface, String memberName) {
        runLocked(() -> {
            QueueMember member = registry.addDynamicMember(queueName, memberInterface, memberName,
                    clock.instant().getEpochSecond());
            events.publish(AmiEvents.queueMemberAdded(member.snapshot()));
            connectWaitingCallers(registry.require(queueName));
        });
    }

    /** The queues for QueueStatus: only {@code queueFilter}, or all when it is {@code null}. */
    List<QueueSnapshot> status(String queueFilter) {
        return withLock(() -> {
            Instant now = clock.instant();
            return registry.queues().stream()
                    .filter(queue -> queueFilter == null || queue.name().equals(queueFilter))
                    .map(queue -> queue.snapshot(now))
                    .toList();
        });
    }

    private void connectWaitingCallers(AgentDevice device) {
        registry.membershipsOf(device.memberInterface())
                .forEach(member -> connectWaitingCallers(registry.require(member.queue())));
    }

    private void connectWaitingCallers(CallQueue queue) {
        while (true) {
            Optional<CallQueue.WaitingCaller> next = queue.nextAnswerable();
            Optional<QueueMember> member = queue.freeMember();
            if (next.isEmpty() || member.isEmpty()) {
                return;
            }
            CallQueue.WaitingCaller caller = next.get();
            int position = queue.positionOf(caller);
            queue.remove(caller);
            connect(queue, caller.caller(), member.get(), position, secondsSince(caller.joinedAt()));
        }
    }

    /** AgentCalled, QueueCallerLeave, AgentConnect, member in use; AgentComplete after the talk time. */
    private void connect(CallQueue queue, QueueCaller caller, QueueMember member, int position, long holdSeconds) {
        ChannelPair agent = ring(caller.channel(), member, ringingState(caller));
        events.publish(AmiEvents.queueCallerLeave(caller.channel(), queue.name(), position, queue.waiting().size()));
        ChannelPair answeredAgent = agent.withStates(ChannelState.UP, ChannelState.UP);
        events.publish(AmiEvents.agentConnect(caller.channel(), answeredAgent.one(), member, holdSeconds, 0));
        queueLog.write(QueueLogEntry.of(clock.instant(), caller.channel().uniqueId(), queue.name(), member.name(),
                QueueLogEntry.CONNECT, holdSeconds, answeredAgent.one().uniqueId(), 0));
        queue.connected(member, holdSeconds);
        member.device().callStarted();
        publishDeviceStatus(member.device());
        ActiveCall call = new ActiveCall(queue, member, caller, answeredAgent, holdSeconds, position, clock.instant());
        timeline.after(talkTime, () -> complete(call));
    }

    /** Rings the member for the caller: AgentCalled with the member's new channel as Dest. */
    private ChannelPair ring(Channel caller, QueueMember member, ChannelState ringing) {
        ChannelPair agent = channels.agentLeg(member.memberInterface(), caller, ringing);
        events.publish(AmiEvents.agentCalled(caller, agent.one(), member));
        return agent;
    }

    /** The captures show the member's channel Down in a callback's AgentCalled, Ringing in an inbound one. */
    private static ChannelState ringingState(QueueCaller caller) {
        return caller.isCallback() ? ChannelState.DOWN : ChannelState.RINGING;
    }

    /**
     * The customer hangs up on the connected call. A callback reports it as in originate.txt:
     * HangupRequest of the caller channel and Hangup of the customer's half, AgentComplete, Hangup of
     * the caller channel, then the member's channels hang up. The member is free again and takes the
     * next waiting caller.
     */
    private void complete(ActiveCall call) {
        runLocked(() -> {
            long talkSeconds = secondsSince(call.connectedAt());
            Channel caller = call.caller().channel();
            if (call.caller().isCallback()) {
                events.publish(AmiEvents.hangupRequest(caller, HangupCause.NORMAL_CLEARING));
                call.caller().callback().second()
                        .ifPresent(two -> events.publish(AmiEvents.hangup(two, HangupCause.NORMAL_CLEARING)));
            }
            events.publish(AmiEvents.agentComplete(caller, call.agent().one(), call.member(), call.holdSeconds(),
                    talkSeconds, "caller"));
            if (call.caller().isCallback()) {
                events.publish(AmiEvents.hangup(caller, HangupCause.NORMAL_CLEARING));
                call.agent().second().ifPresent(
                        two -> events.publish(AmiEvents.hangupRequest(two, HangupCause.NORMAL_CLEARING)));
                events.publish(AmiEvents.hangup(call.agent().one(), HangupCause.NORMAL_CLEARING));
                call.agent().second()
                        .ifPresent(two -> events.publish(AmiEvents.hangup(two, HangupCause.NORMAL_CLEARING)));
            }
            call.member().callCompleted(clock.instant().getEpochSecond());
            call.queue().completed(call.holdSeconds(), talkSeconds);
            queueLog.write(QueueLogEntry.of(clock.instant(), caller.uniqueId(), call.queue().name(),
                    call.member().name(), QueueLogEntry.COMPLETECALLER, call.holdSeconds(), talkSeconds,
                    call.originalPosition()));
            if (call.caller().isCallback()) {
                calls.ended(caller.uniqueId(), clock.instant(), "completed with " + call.member().name());
            }
            AgentDevice device = call.member().device();
            device.callEnded();
            publishDeviceStatus(device);
            connectWaitingCallers(device);
        });
    }

    /**
     * A waiting callback's customer hangs up, as in callback-leaves-queue.txt: HangupRequest of the
     * caller channel, Hangup of the customer's half, the rung member's channels hang up, then
     * QueueCallerAbandon, QueueCallerLeave and the Hangup of the caller channel. Counts as abandoned;
     * the member's state never changed.
     */
    private void leave(CallQueue queue, CallQueue.WaitingCaller waiting) {
        runLocked(() -> {
            int position = queue.positionOf(waiting);
            if (position < 0) {
                return;
            }
            Channel caller = waiting.channel();
            events.publish(AmiEvents.hangupRequest(caller, HangupCause.NORMAL_CLEARING));
            waiting.caller().callback().second()
                    .ifPresent(two -> events.publish(AmiEvents.hangup(two, HangupCause.NORMAL_CLEARING)));
            ChannelPair rung = waiting.rungAgent();
            if (rung != null) {
                rung.second().ifPresent(two -> {
                    events.publish(AmiEvents.hangupRequest(two, HangupCause.NOT_DEFINED));
                    events.publish(AmiEvents.hangup(two, HangupCause.NOT_DEFINED));
                });
                events.publish(AmiEvents.hangup(rung.one().withState(ChannelState.RINGING), HangupCause.NOT_DEFINED));
            }
            long holdSeconds = secondsSince(waiting.joinedAt());
            events.publish(AmiEvents.queueCallerAbandon(caller, queue.name(), position, waiting.originalPosition(),
                    holdSeconds));
            queue.remove(waiting);
            events.publish(AmiEvents.queueCallerLeave(caller, queue.name(), position, queue.waiting().size()));
            events.publish(AmiEvents.hangup(caller, HangupCause.NORMAL_CLEARING));
            queue.abandoned(holdSeconds);
            queueLog.write(QueueLogEntry.of(clock.instant(), caller.uniqueId(), queue.name(), QueueLogEntry.NO_AGENT,
                    QueueLogEntry.ABANDON, position, waiting.originalPosition(), holdSeconds));
            calls.ended(caller.uniqueId(), clock.instant(), "left queue " + queue.name());
        });
    }

    /** ENTERQUEUE: url (none), the caller id number (empty when unknown, as Asterisk logs it), the position. */
    private static QueueLogEntry enterQueue(Instant at, Channel channel, String queueName, int position) {
        String number = CallerId.UNKNOWN.equals(channel.callerId().number()) ? "" : channel.callerId().number();
        return QueueLogEntry.of(at, channel.uniqueId(), queueName, QueueLogEntry.NO_AGENT, QueueLogEntry.ENTERQUEUE,
                "", number, position);
    }

    private void publishDeviceStatus(AgentDevice device) {
        for (QueueMember membership : registry.membershipsOf(device.memberInterface())) {
            events.publish(AmiEvents.queueMemberStatus(membership.snapshot()));
        }
    }

    private long secondsSince(Instant start) {
        return Duration.between(start, clock.instant()).toSeconds();
    }

    private <T> T withLock(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private void runLocked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }
}
