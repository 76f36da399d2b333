package io.ringback.simulator;

import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of a {@link SimulatedAsterisk}.
 *
 * @param port             TCP port to listen on (loopback); 0 picks a free port
 * @param username         AMI user accepted by {@code Login}
 * @param secret           its secret (plain {@code Secret} or MD5 {@code Key} over the challenge)
 * @param queues           queue name to its static members; iteration order decides the "first
 *                         configured queue" (pass a {@link LinkedHashMap} to control it)
 * @param defaultBehaviour what a customer does when no behaviour is registered for the dialed number
 * @param ringTime         how long a {@link CustomerBehaviour#NO_ANSWER} customer rings before
 *                         {@code Reason: 3}, capped by the Originate {@code Timeout} header (ms)
 * @param answerDelay      delay before an answered, busy, congested, rejected or unknown-number outcome
 * @param talkTime         how long an agent talks before {@code AgentComplete}
 */
public record SimulatorConfig(
        int port,
        String username,
        String secret,
        Map<String, List<QueueMemberSpec>> queues,
        CustomerBehaviour defaultBehaviour,
        Duration ringTime,
        Duration answerDelay,
        Duration talkTime) {

    public SimulatorConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535 but was " + port);
        }
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(defaultBehaviour, "defaultBehaviour");
        requireNotNegative(ringTime, "ringTime");
        requireNotNegative(answerDelay, "answerDelay");
        requireNotNegative(talkTime, "talkTime");
        queues = copyOf(queues);
    }

    /**
     * Port 5038, user and secret {@code ringback}; queue {@code support} with {@code Local/agent1@agents}
     * "Agent One" and {@code Local/agent2@agents} "Agent Two", queue {@code sales} with
     * {@code Local/agent3@agents} "Agent Three", queue {@code billing} with {@code Local/agent4@agents}
     * "Agent Four"; customers answer; ring 8 s, answer after 300 ms, talk 5 s.
     */
    public static SimulatorConfig defaults() {
        Map<String, List<QueueMemberSpec>> queues = new LinkedHashMap<>();
        queues.put("support", List.of(
                new QueueMemberSpec("Local/agent1@agents", "Agent One"),
                new QueueMemberSpec("Local/agent2@agents", "Agent Two")));
        queues.put("sales", List.of(new QueueMemberSpec("Local/agent3@agents", "Agent Three")));
        queues.put("billing", List.of(new QueueMemberSpec("Local/agent4@agents", "Agent Four")));
        return new SimulatorConfig(5038, "ringback", "ringback", queues, CustomerBehaviour.ANSWER,
                Duration.ofSeconds(8), Duration.ofMillis(300), Duration.ofSeconds(5));
    }

    public SimulatorConfig withPort(int port) {
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime);
    }

    public SimulatorConfig withRingTime(Duration ringTime) {
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime);
    }

    public SimulatorConfig withAnswerDelay(Duration answerDelay) {
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime);
    }

    public SimulatorConfig withTalkTime(Duration talkTime) {
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime);
    }

    public SimulatorConfig withDefaultBehaviour(CustomerBehaviour defaultBehaviour) {
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime);
    }

    public SimulatorConfig withQueues(Map<String, List<QueueMemberSpec>> queues) {
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime);
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative but was " + duration);
        }
    }

    private static Map<String, List<QueueMemberSpec>> copyOf(Map<String, List<QueueMemberSpec>> queues) {
        Objects.requireNonNull(queues, "queues");
        Map<String, List<QueueMemberSpec>> copy = new LinkedHashMap<>();
        queues.forEach((queue, members) -> {
            Objects.requireNonNull(queue, "queue name");
            List<QueueMemberSpec> memberList = List.copyOf(Objects.requireNonNull(members, "members of " + queue));
            Set<String> interfaces = new HashSet<>();
            for (QueueMemberSpec member : memberList) {
                if (!interfaces.add(member.memberInterface())) {
                    throw new IllegalArgumentException(
                            "queue " + queue + " lists " + member.memberInterface() + " twice");
                }
            }
            copy.put(queue, memberList);
        });
        return Collections.unmodifiableMap(copy);
    }
}
