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
 * talk for the configured time and complete; members are paused, logged in or out and added.
 *
 * <p>Every state change and the events describing it happen under one lock, so the events of
 * concurrent scenarios never interleave inside a sequence and always match the state QueueStatus
 * reports. Publishing only enqueues, so holding the lock never waits for a client.
 */
final class QueueEngine {

    private static final Logger log = LoggerFactory.getLogger(QueueEngine.class);

    /** A caller connected to a member, until AgentComplete. */
    private record ActiveCall(CallQueue queue, QueueMember member, Channel caller, Channel agent,
            long holdSeconds, Instant connectedAt) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final QueueRegistry registry;
    private final ChannelFactory channels;
    private final EventSink events;
    private final Timeline timeline;
    private final Duration talkTime;
    private final Clock clock;

    QueueEngine(SimulatorConfig config, long loginTime, ChannelFactory channels, EventSink events,
            Timeline timeline, Clock clock) {
        this.registry = new QueueRegistry(config.queues(), loginTime);
        this.channels = channels;
        this.events = events;
        this.timeline = timeline;
        this.talkTime = config.talkTime();
        this.clock = clock;
    }

    /**
     * An inbound caller joins, is offered to a free member (if any) and hangs up after
     * {@code holdSeconds}, as in abandon.txt. The hold is reported, not waited for.
     *
     * @return the caller channel's Uniqueid
     */
    String abandon(String queueName, CallerId caller, int holdSeconds) {
        return withLock(() -> {
            CallQueue queue = registry.require(queueName);
            Channel channel = channels.inboundCaller(queueName, caller);
            int position = queue.waiting().size() + 1;
            events.publish(AmiEvents.queueCallerJoin(channel, queueName, position, position));
            Optional<QueueMember> rung = queue.freeMember();
            rung.ifPresent(member -> {
                events.publish(AmiEvents.agentCalled(channel, channels.agentLeg(member.memberInterface(), channel), member));
                events.publish(AmiEvents.queueMemberStatus(member.snapshot().withStatus(AgentDevice.STATUS_IN_USE)));
            });
            events.publish(AmiEvents.queueCallerAbandon(channel, queueName, position, position, holdSeconds));
            events.publish(AmiEvents.queueCallerLeave(channel, queueName, position, queue.waiting().size()));
            rung.ifPresent(member -> events.publish(AmiEvents.queueMemberStatus(member.snapshot())));
            queue.abandoned(holdSeconds);
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
            Channel channel = channels.inboundCaller(queueName, caller);
            int position = queue.waiting().size() + 1;
            events.publish(AmiEvents.queueCallerJoin(channel, queueName, position, position));
            connect(queue, channel, member, position, 0);
            return channel.uniqueId();
        });
    }

    /** An answered call runs {@code Queue(queueName)}: it joins and waits until a member is free. */
    void joinQueue(Channel caller, String queueName) {
        runLocked(() -> {
            Optional<CallQueue> found = registry.find(queueName);
            if (found.isEmpty()) {
                log.warn("Call {} asked for unknown queue {}; it is not queued", caller.uniqueId(), queueName);
                return;
            }
            CallQueue queue = found.get();
            int position = queue.waiting().size() + 1;
            events.publish(AmiEvents.queueCallerJoin(caller, queue.name(), position, position));
            queue.waiting().addLast(new CallQueue.WaitingCaller(caller, clock.instant()));
            connectWaitingCallers(queue);
        });
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
        while (!queue.waiting().isEmpty()) {
            Optional<QueueMember> member = queue.freeMember();
            if (member.isEmpty()) {
                return;
            }
            CallQueue.WaitingCaller caller = queue.waiting().pollFirst();
            connect(queue, caller.channel(), member.get(), 1, secondsSince(caller.joinedAt()));
        }
    }

    /** AgentCalled, QueueCallerLeave, AgentConnect, member in use; AgentComplete after the talk time. */
    private void connect(CallQueue queue, Channel caller, QueueMember member, int position, long holdSeconds) {
        Channel agent = channels.agentLeg(member.memberInterface(), caller);
        events.publish(AmiEvents.agentCalled(caller, agent, member));
        events.publish(AmiEvents.queueCallerLeave(caller, queue.name(), position, queue.waiting().size()));
        Channel answeredAgent = agent.withState(ChannelState.UP);
        events.publish(AmiEvents.agentConnect(caller, answeredAgent, member, holdSeconds, 0));
        queue.connected(member, holdSeconds);
        member.device().callStarted();
        publishDeviceStatus(member.device());
        ActiveCall call = new ActiveCall(queue, member, caller, answeredAgent, holdSeconds, clock.instant());
        timeline.after(talkTime, () -> complete(call));
    }

    /** The caller hangs up: AgentComplete, the member is free again and takes the next waiting caller. */
    private void complete(ActiveCall call) {
        runLocked(() -> {
            long talkSeconds = secondsSince(call.connectedAt());
            events.publish(AmiEvents.agentComplete(call.caller(), call.agent(), call.member(), call.holdSeconds(),
                    talkSeconds, "caller"));
            call.member().callCompleted(clock.instant().getEpochSecond());
            call.queue().completed(call.holdSeconds(), talkSeconds);
            AgentDevice device = call.member().device();
            device.callEnded();
            publishDeviceStatus(device);
            connectWaitingCallers(device);
        });
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
