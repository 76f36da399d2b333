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
 * @param messageDuration  how long an answered callback plays its callback message before it joins
 *                         the queue (callback-leaves-queue.txt: QueueCallerJoin ~1 s after the
 *                         OriginateResponse)
 * @param leaveQueueAfter  how long a {@link CustomerBehaviour#ANSWER_THEN_LEAVE_QUEUE} customer waits in
 *                         the queue before hanging up (9 s in callback-leaves-queue.txt)
 * @param channelVariables the {@code channelvars} of manager.conf: names of channel variables reported
 *                         as {@code ChanVariable: name=value} in the channel block of every event, in
 *                         this order; empty reports none. Dialplan functions ({@code CDR(x)}) are not
 *                         supported.
 */
public record SimulatorConfig(
        int port,
        String username,
        String secret,
        Map<String, List<QueueMemberSpec>> queues,
        CustomerBehaviour defaultBehaviour,
        Duration ringTime,
        Duration answerDelay,
        Duration talkTime,
        Duration messageDuration,
        Duration leaveQueueAfter,
        List<String> channelVariables) {

    /** The callback message of callback-leaves-queue.txt: QueueCallerJoin comes ~1 s after the answer. */
    private static final Duration DEFAULT_MESSAGE_DURATION = Duration.ofSeconds(1);
    /** The customer of callback-leaves-queue.txt hangs up after 9 s in the queue. */
    private static final Duration DEFAULT_LEAVE_QUEUE_AFTER = Duration.ofSeconds(9);

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
        requireNotNegative(messageDuration, "messageDuration");
        requireNotNegative(leaveQueueAfter, "leaveQueueAfter");
        queues = copyOf(queues);
        channelVariables = variableNames(channelVariables);
    }

    /** The settings from before message duration, leave time and channel variables, which get their defaults. */
    public SimulatorConfig(int port, String username, String secret, Map<String, List<QueueMemberSpec>> queues,
            CustomerBehaviour defaultBehaviour, Duration ringTime, Duration answerDelay, Duration talkTime) {
        this(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime,
                DEFAULT_MESSAGE_DURATION, DEFAULT_LEAVE_QUEUE_AFTER, List.of());
    }

    /**
     * Port 5038, user and secret {@code ringback}; queue {@code support} with {@code Local/agent1@agents}
     * "Agent One" and {@code Local/agent2@agents} "Agent Two", queue {@code sales} with
     * {@code Local/agent3@agents} "Agent Three", queue {@code billing} with {@code Local/agent4@agents}
     * "Agent Four"; customers answer; ring 8 s, answer after 300 ms, talk 5 s; callback message 1 s,
     * leaving customers hang up after 9 s in the queue; no channel variables reported.
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
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime,
                messageDuration, leaveQueueAfter, channelVariables);
    }

    public SimulatorConfig withRingTime(Duration ringTime) {
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime,
                messageDuration, leaveQueueAfter, channelVariables);
    }

    public SimulatorConfig withAnswerDelay(Duration answerDelay) {
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime,
                messageDuration, leaveQueueAfter, channelVariables);
    }

    public SimulatorConfig withTalkTime(Duration talkTime) {
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime,
                messageDuration, leaveQueueAfter, channelVariables);
    }

    public SimulatorConfig withDefaultBehaviour(CustomerBehaviour defaultBehaviour) {
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime,
                messageDuration, leaveQueueAfter, channelVariables);
    }

    public SimulatorConfig withQueues(Map<String, List<QueueMemberSpec>> queues) {
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime,
                messageDuration, leaveQueueAfter, channelVariables);
    }

    public SimulatorConfig withMessageDuration(Duration messageDuration) {
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime,
                messageDuration, leaveQueueAfter, channelVariables);
    }

    public SimulatorConfig withLeaveQueueAfter(Duration leaveQueueAfter) {
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime,
                messageDuration, leaveQueueAfter, channelVariables);
    }

    /** As manager.conf {@code channelvars = CB_CALLBACK_ID,CB_ATTEMPT}. */
    public SimulatorConfig withChannelVariables(String... channelVariables) {
        return withChannelVariables(List.of(channelVariables));
    }

    public SimulatorConfig withChannelVariables(List<String> channelVariables) {
        return new SimulatorConfig(port, username, secret, queues, defaultBehaviour, ringTime, answerDelay, talkTime,
                messageDuration, leaveQueueAfter, channelVariables);
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative but was " + duration);
        }
    }

    private static List<String> variableNames(List<String> names) {
        Objects.requireNonNull(names, "channelVariables");
        for (String name : names) {
            Objects.requireNonNull(name, "channel variable name");
            if (name.isBlank() || name.contains("(") || name.contains(",")) {
                throw new IllegalArgumentException("channel variable name must be a plain variable name but was '"
                        + name + "'");
            }
        }
        return List.copyOf(names);
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
