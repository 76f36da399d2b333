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

    static Set<String> sorted(Collection<String> values) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(values == null ? Set.of() : values));
    }
}
