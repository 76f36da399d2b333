package io.ringback.directory;

import io.ringback.agent.AgentRegistry;
import io.ringback.agent.QueueMember;
import io.ringback.directory.Reconciliation.AgentNotReported;
import io.ringback.directory.Reconciliation.Member;
import io.ringback.directory.Reconciliation.MemberStatus;
import io.ringback.directory.Reconciliation.QueueNotReported;
import io.ringback.support.InvalidRequestException;
import io.ringback.support.InputRule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * Compares the directory with the queue members AMI reports, as {@link AgentRegistry} last heard
 * them (a {@code QueueStatus} at every (re)connect, then member events): which agent every member is,
 * members nobody mapped, agents no queue reports, and queues an agent is said to serve where AMI does
 * not report them. Interfaces are compared in any case, as Asterisk does; queue names exactly, as the
 * rest of Ringback does.
 *
 * <p>The queues compared: every queue the PBX reports members of, every queue the directory lists
 * for some agent, and the queues asked for.
 */
@Service
public class AgentReconciliation {

    private final AgentRepository agents;
    private final AgentRegistry registry;

    AgentReconciliation(AgentRepository agents, AgentRegistry registry) {
        this.agents = agents;
        this.registry = registry;
    }

    /**
     * @param alsoQueues queues to compare besides those the directory lists (say, a queue nobody in the
     *     directory serves yet)
     * @throws InvalidRequestException naming {@code queue[i]} for a name that cannot be a queue
     */
    public Reconciliation reconcile(Collection<String> alsoQueues) {
        List<String> asked = alsoQueues == null ? List.of() : List.copyOf(alsoQueues);
        Map<String, String> errors = new LinkedHashMap<>();
        for (int i = 0; i < asked.size(); i++) {
            int index = i;
            InputRule.QUEUE.problem(asked.get(i)).ifPresent(rule -> errors.put("queue[" + index + "]", rule));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }

        List<Agent> directory = agents.search(null, null);
        Map<String, Agent> byInterface = new HashMap<>();
        directory.forEach(agent -> agent.interfaces().forEach(i -> byInterface.put(Agent.interfaceKey(i), agent)));

        Set<String> seeds = new TreeSet<>(asked);
        directory.forEach(agent -> seeds.addAll(agent.queues()));
        Set<String> queues = new TreeSet<>(seeds);
        queues.addAll(registry.queues());

        List<Member> members = new ArrayList<>();
        Map<String, Set<String>> queuesByInterface = new HashMap<>(); // interface key -> queues reporting it
        for (String queue : queues) {
            List<QueueMember> reported = new ArrayList<>(registry.members(queue));
            reported.sort(Comparator.comparing(QueueMember::memberInterface));
            for (QueueMember member : reported) {
                String key = Agent.interfaceKey(member.memberInterface());
                queuesByInterface.computeIfAbsent(key, k -> new HashSet<>()).add(queue);
                Agent agent = byInterface.get(key);
                MemberStatus status = agent == null ? MemberStatus.UNMAPPED
                        : agent.queues().contains(queue) ? MemberStatus.MAPPED : MemberStatus.QUEUE_NOT_LISTED;
                members.add(new Member(queue, member.memberInterface(), member.name(), status,
                        agent == null ? null : agent.userId(), agent == null ? null : agent.displayName()));
            }
        }

        List<AgentNotReported> agentsNotReported = new ArrayList<>();
        List<QueueNotReported> queuesNotReported = new ArrayList<>();
        for (Agent agent : directory) {
            Set<String> reportedIn = new HashSet<>();
            agent.interfaces().forEach(i -> reportedIn.addAll(queuesByInterface.getOrDefault(Agent.interfaceKey(i), Set.of())));
            if (reportedIn.isEmpty()) {
                agentsNotReported.add(new AgentNotReported(agent.userId(), agent.displayName(), agent.interfaces()));
            }
            for (String queue : agent.queues()) {
                if (!reportedIn.contains(queue)) {
                    queuesNotReported.add(new QueueNotReported(agent.userId(), agent.displayName(), queue, agent.interfaces()));
                }
            }
        }

        boolean consistent = members.stream().allMatch(m -> m.status() == MemberStatus.MAPPED)
                && agentsNotReported.isEmpty() && queuesNotReported.isEmpty();
        return new Reconciliation(Agent.sorted(queues), List.copyOf(members), List.copyOf(agentsNotReported),
                List.copyOf(queuesNotReported), consistent);
    }
}
