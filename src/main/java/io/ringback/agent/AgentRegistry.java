package io.ringback.agent;

import io.ringback.telephony.MemberReport;
import io.ringback.telephony.PbxEvents.MemberRemoved;
import io.ringback.telephony.PbxEvents.MemberReported;
import io.ringback.telephony.PbxEvents.MembersSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Live state of every queue member, kept from the PBX: a {@code QueueStatus} snapshot at each
 * (re)connect, then member events. Tells which agents are available and since when they are idle,
 * and which queues share agents; publishes {@link AgentBecameAvailable} when a member becomes free.
 */
@Component
public class AgentRegistry {

    private static final Logger log = LoggerFactory.getLogger(AgentRegistry.class);

    /** A member became available in a queue (logged in, not paused, not on a call). */
    public record AgentBecameAvailable(String queue, String memberInterface) {}

    private final Map<String, Map<String, QueueMember>> queues = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public AgentRegistry(Clock clock, ApplicationEventPublisher events) {
        this.clock = clock;
        this.events = events;
    }

    @EventListener
    void on(MemberReported event) {
        report(event.member());
    }

    @EventListener
    void on(MemberRemoved event) {
        remove(event.queue(), event.memberInterface());
    }

    @EventListener
    void on(MembersSnapshot event) {
        resync(event.members());
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
            events.publishEvent(new AgentBecameAvailable(after.queue(), after.memberInterface()));
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

    /** Every queue the PBX reported members of. */
    public Set<String> queues() {
        return Set.copyOf(queues.keySet());
    }

    public List<QueueMember> members(String queue) {
        return List.copyOf(queues.getOrDefault(queue, Map.of()).values());
    }

    /**
     * The queues that share at least one member with {@code queue}, {@code queue} itself included:
     * a customer served by one of these agents was served by the agents who would take the callback.
     */
    public Set<String> queuesSharingMembersWith(String queue) {
        Set<String> interfaces = queues.getOrDefault(queue, Map.of()).keySet();
        Set<String> sharing = new HashSet<>();
        sharing.add(queue);
        queues.forEach((other, members) -> {
            if (members.keySet().stream().anyMatch(interfaces::contains)) {
                sharing.add(other);
            }
        });
        return sharing;
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
