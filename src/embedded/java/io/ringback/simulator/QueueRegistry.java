package io.ringback.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queues, in configuration order, and the devices of their members (one {@link AgentDevice}
 * per interface, however many queues it belongs to). Not thread-safe; guarded by the
 * {@link QueueEngine} lock.
 */
final class QueueRegistry {

    private final Map<String, CallQueue> queues = new LinkedHashMap<>();
    private final Map<String, AgentDevice> devices = new HashMap<>();

    /** Creates the configured queues with their static members, logged in at {@code loginTime} (epoch seconds). */
    QueueRegistry(Map<String, List<QueueMemberSpec>> configuredQueues, long loginTime) {
        configuredQueues.forEach((name, members) -> {
            CallQueue queue = new CallQueue(name);
            queues.put(name, queue);
            members.forEach(spec -> queue.add(newMember(name, spec.memberInterface(), spec.name(), "static", loginTime)));
        });
    }

    Collection<CallQueue> queues() {
        return queues.values();
    }

    Optional<CallQueue> find(String name) {
        return Optional.ofNullable(queues.get(name));
    }

    CallQueue require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("Unknown queue: " + name));
    }

    Optional<String> firstQueueName() {
        return queues.keySet().stream().findFirst();
    }

    QueueMember requireMember(String queue, String memberInterface) {
        return require(queue).member(memberInterface).orElseThrow(() -> new IllegalArgumentException(
                "Queue " + queue + " has no member " + memberInterface));
    }

    /** Every membership of the interface, in queue order. */
    List<QueueMember> membershipsOf(String memberInterface) {
        List<QueueMember> memberships = new ArrayList<>();
        for (CallQueue queue : queues.values()) {
            queue.member(memberInterface).ifPresent(memberships::add);
        }
        return memberships;
    }

    /** Adds a dynamic member (QueueAdd) logged in at {@code loginTime}; an unknown queue is created. */
    QueueMember addDynamicMember(String queue, String memberInterface, String name, long loginTime) {
        CallQueue target = queues.computeIfAbsent(queue, CallQueue::new);
        if (target.member(memberInterface).isPresent()) {
            throw new IllegalArgumentException(memberInterface + " is already a member of queue " + queue);
        }
        QueueMember member = newMember(queue, memberInterface, name, "dynamic", loginTime);
        target.add(member);
        return member;
    }

    private QueueMember newMember(String queue, String memberInterface, String name, String membership, long loginTime) {
        AgentDevice device = devices.computeIfAbsent(memberInterface, AgentDevice::new);
        return new QueueMember(queue, name, membership, loginTime, device);
    }
}
