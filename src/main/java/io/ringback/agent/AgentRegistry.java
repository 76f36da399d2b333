package io.ringback.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Live state of every queue member, kept from AMI: a {@code QueueStatus} snapshot at each
 * (re)connect, then member events. Tells which agents are available and since when they are idle.
 */
@Component
public class AgentRegistry {

    private static final Logger log = LoggerFactory.getLogger(AgentRegistry.class);

    /** Told when a member becomes available in a queue. */
    public interface Listener {
        void agentAvailable(String queue, String memberInterface);
    }

    private final Map<String, Map<String, QueueMember>> queues = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public AgentRegistry(Clock clock) {
        this.clock = clock;
    }

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Applies one member event. */
    public void report(MemberReport report) {
        Instant now = clock.instant();
        Map<String, QueueMember> members = queues.computeIfAbsent(report.queue(), q -> new ConcurrentHashMap<>());
        QueueMember before = members.get(report.memberInterface());
        QueueMember after = merge(before, report, now);
        members.put(after.memberInterface(), after);
        if (after.available() && (before == null || !before.available())) {
            log.debug("Agent {} available in queue {}", after.name(), after.queue());
            listeners.forEach(l -> l.agentAvailable(after.queue(), after.memberInterface()));
        }
    }

    /** Replaces what is known of these queues with a complete QueueStatus snapshot. */
    public void resync(Collection<MemberReport> snapshot) {
        Map<String, Set<String>> reported = new ConcurrentHashMap<>();
        for (MemberReport report : snapshot) {
            reported.computeIfAbsent(report.queue(), q -> ConcurrentHashMap.newKeySet()).add(report.memberInterface());
            report(report);
        }
        queues.forEach((queue, members) ->
                members.keySet().removeIf(m -> !reported.getOrDefault(queue, Set.of()).contains(m)));
        log.info("Agent state resynchronised: {} members in {} queues", snapshot.size(), reported.size());
    }

    public void remove(String queue, String memberInterface) {
        Map<String, QueueMember> members = queues.get(queue);
        if (members != null) {
            members.remove(memberInterface);
        }
    }

    /** Available members of a queue, longest idle first. */
    public List<QueueMember> available(String queue) {
        return queues.getOrDefault(queue, Map.of()).values().stream()
                .filter(QueueMember::available)
                .sorted(Comparator.comparing(QueueMember::idleSince))
                .toList();
    }

    public List<QueueMember> members(String queue) {
        return List.copyOf(queues.getOrDefault(queue, Map.of()).values());
    }

    private static QueueMember merge(QueueMember before, MemberReport r, Instant now) {
        int status = r.deviceStatus() != null ? r.deviceStatus() : before != null ? before.deviceStatus() : 0;
        boolean paused = r.paused() != null ? r.paused() : before != null && before.paused();
        boolean inCall = r.inCall() != null ? r.inCall() : before != null && before.inCall();
        String name = r.name() != null && !r.name().isBlank() ? r.name() : before != null ? before.name() : r.memberInterface();
        QueueMember draft = new QueueMember(r.queue(), r.memberInterface(), name, status, paused, inCall, now);
        Instant idleSince;
        if (before == null) {
            idleSince = reportedIdleSince(r, now);
        } else if (draft.available() && !before.available()) {
            idleSince = now; // observed becoming free
        } else {
            idleSince = before.idleSince();
        }
        return new QueueMember(r.queue(), r.memberInterface(), name, status, paused, inCall, idleSince);
    }

    /** First sight of a member: idle since its last call, pause or login, whichever was last. */
    private static Instant reportedIdleSince(MemberReport r, Instant now) {
        long latest = LongStream.of(nz(r.lastCall()), nz(r.lastPause()), nz(r.loginTime())).max().orElse(0);
        if (latest <= 0) {
            return now;
        }
        Instant reported = Instant.ofEpochSecond(latest);
        return reported.isAfter(now) ? now : reported;
    }

    private static long nz(Long value) {
        return value == null ? 0 : value;
    }
}
