package io.ringback.directory;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A person in the directory.
 *
 * @param userId their user id (lower case), the key other modules keep: a callback pinned to an agent names it
 * @param displayName their name as people see it
 * @param interfaces the Asterisk interfaces they answer on ({@code PJSIP/1001}, {@code Local/agent1@agents}),
 *     each theirs alone (compared without regard to case, as Asterisk does)
 * @param queues the queues they are said to serve (what {@link AgentReconciliation} checks against AMI)
 * @param groups the groups they belong to ({@code support-team})
 */
public record Agent(String userId, String displayName, Set<String> interfaces, Set<String> queues, Set<String> groups,
                    Instant createdAt, Instant updatedAt) {

    /** The sets are immutable and iterate in order (also in JSON). */
    public Agent {
        interfaces = sorted(interfaces);
        queues = sorted(queues);
        groups = sorted(groups);
    }

    /**
     * The key under which an interface is one: Asterisk's queues compare member interfaces without
     * regard to case, so {@code PJSIP/1001} and {@code pjsip/1001} are the same member. Interfaces are
     * ASCII, so this is PostgreSQL's {@code lower()} too.
     */
    static String interfaceKey(String memberInterface) {
        return memberInterface.toLowerCase(java.util.Locale.ROOT);
    }

    static Set<String> sorted(Collection<String> values) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(values == null ? Set.of() : values));
    }
}
