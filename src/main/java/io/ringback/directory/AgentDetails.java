package io.ringback.directory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an administrator sets for an agent: everything but the user id, which names the agent (and is
 * the path of {@code PUT /api/agents/{userId}}). Saving replaces all of it; a list left out is empty.
 * {@link AgentDirectory} checks every value with {@link io.ringback.support.InputRule} ({@code USER_ID},
 * {@code DISPLAY_NAME}, {@code INTERFACE}, {@code QUEUE}, {@code GROUP}); a value listed twice is refused, not merged.
 *
 * @param displayName 1 to 120 characters
 * @param interfaces at most {@value AgentDirectory#MAX_INTERFACES} Asterisk interfaces, none mapped to another agent
 * @param queues at most {@value AgentDirectory#MAX_QUEUES} queue names
 * @param groups at most {@value AgentDirectory#MAX_GROUPS} group names
 */
public record AgentDetails(String displayName, List<String> interfaces, List<String> queues, List<String> groups) {

    /** A list left out is empty; null elements are kept, for the check to name them ({@code interfaces[2]}). */
    public AgentDetails {
        interfaces = copy(interfaces);
        queues = copy(queues);
        groups = copy(groups);
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
    }
}
