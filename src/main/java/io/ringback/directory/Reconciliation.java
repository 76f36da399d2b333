package io.ringback.directory;

import java.util.List;
import java.util.Set;

/**
 * The directory next to what AMI reports (the live queue members of {@code AgentRegistry}).
 *
 * @param queues the queues compared, in order: those the directory lists for some agent, those asked
 *     for, and every queue that shares a member with one of them
 * @param members every member AMI reports in those queues, by queue and interface, with the agent it
 *     maps to: {@link MemberStatus#UNMAPPED} when no agent has its interface
 * @param agentsNotReported agents none of whose interfaces is a member of any of those queues (also
 *     agents with no interface at all)
 * @param queuesNotReported queues an agent is said to serve where AMI reports none of the agent's interfaces
 *     as a member
 * @param consistent every member is mapped in a queue its agent serves, and both lists are empty
 */
public record Reconciliation(Set<String> queues, List<Member> members, List<AgentNotReported> agentsNotReported,
                             List<QueueNotReported> queuesNotReported, boolean consistent) {

    public enum MemberStatus {
        /** The interface is an agent's, and the directory lists this queue for that agent. */
        MAPPED,
        /** No agent has this interface: somebody nobody mapped answers this queue. */
        UNMAPPED,
        /** The interface is an agent's, but the directory does not list this queue for that agent. */
        QUEUE_NOT_LISTED
    }

    /**
     * One queue member as AMI reports it.
     *
     * @param memberName the name AMI reports ({@code MemberName})
     * @param userId the agent whose interface it is; absent when {@code UNMAPPED}
     * @param displayName that agent's name in the directory
     */
    public record Member(String queue, String memberInterface, String memberName, MemberStatus status, String userId,
                         String displayName) {}

    /** An agent AMI reports in none of the compared queues. */
    public record AgentNotReported(String userId, String displayName, Set<String> interfaces) {}

    /** A queue the directory lists for an agent, where none of the agent's interfaces is a member. */
    public record QueueNotReported(String userId, String displayName, String queue, Set<String> interfaces) {}
}
