package io.ringback.process;

/**
 * Who takes a callback call: always a queue (the call joins it: {@code CB_QUEUE}), and optionally
 * only the agents of a group or one agent of that queue (user ids of the agent directory).
 *
 * @param queue the queue the answered customer joins
 * @param group when set, only members of this agent group take the call
 * @param agent when set, only this agent takes the call
 */
public record CallTarget(String queue, String group, String agent) {

    public static CallTarget queue(String queue) {
        return new CallTarget(queue, null, null);
    }

    /** Whether the call waits for an owner (one agent or a group) rather than any member of the queue. */
    public boolean hasOwner() {
        return (agent != null && !agent.isBlank()) || (group != null && !group.isBlank());
    }

    /** The owner for records and the KPI: the agent's user id, or {@code group:<name>}. */
    public String owner() {
        if (agent != null && !agent.isBlank()) {
            return agent;
        }
        return group != null && !group.isBlank() ? "group:" + group : null;
    }

    /** A key that is equal for callbacks competing for the same agents: {@code queue:support}, {@code group:vip@support}. */
    public String key() {
        if (agent != null && !agent.isBlank()) {
            return "agent:" + agent + "@" + queue;
        }
        if (group != null && !group.isBlank()) {
            return "group:" + group + "@" + queue;
        }
        return "queue:" + queue;
    }
}
