package io.ringback.directory;

import io.ringback.support.InvalidRequestException;
import io.ringback.support.InputRule;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The agent directory: who the agents are, the Asterisk interfaces they answer on, the queues they serve
 * and the groups they belong to, held in PostgreSQL. Other modules ask it who an interface belongs to
 * ("the agent who answered") and which interfaces a callback for one agent or a group may go to.
 *
 * <p>Queries take any value and answer empty for what cannot be there (an unknown or malformed user
 * id, group or interface). Interfaces are matched as Asterisk matches queue members: without regard to
 * case ({@code pjsip/1001} finds the agent of {@code PJSIP/1001}); user ids, groups and queues exactly.
 * Sets come sorted and immutable.
 *
 * <p>Changes check every value first and throw {@link InvalidRequestException} naming each bad field
 * ({@code displayName}, {@code interfaces[1]}, ...); an interface mapped to another agent throws
 * {@link InterfaceTakenException} and saves nothing (the database's unique index decides between
 * concurrent saves).
 */
@Service
public class AgentDirectory {

    static final int MAX_INTERFACES = 20;
    static final int MAX_QUEUES = 100;
    static final int MAX_GROUPS = 50;

    private static final Logger log = LoggerFactory.getLogger(AgentDirectory.class);

    /** The result of {@link #save}: the agent as stored, and whether it was created (not replaced). */
    public record Saved(Agent agent, boolean created) {}

    private final AgentRepository agents;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;

    AgentDirectory(AgentRepository agents, TransactionTemplate tx, ApplicationEventPublisher events) {
        this.agents = agents;
        this.tx = tx;
        this.events = events;
    }

    // ------------------------------------------------------------------ queries

    public Optional<Agent> find(String userId) {
        return InputRule.USER_ID.accepts(userId) ? agents.find(userId) : Optional.empty();
    }

    public boolean exists(String userId) {
        return InputRule.USER_ID.accepts(userId) && agents.exists(userId);
    }

    /** Every agent, by user id. */
    public List<Agent> all() {
        return agents.search(null, null);
    }

    /**
     * The agents in {@code group} who serve {@code queue}, by user id; a null filter matches every agent.
     *
     * @throws InvalidRequestException naming {@code group} or {@code queue} when a filter cannot be a name
     */
    public List<Agent> search(String group, String queue) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (group != null) {
            InputRule.GROUP.problem(group).ifPresent(rule -> errors.put("group", rule));
        }
        if (queue != null) {
            InputRule.QUEUE.problem(queue).ifPresent(rule -> errors.put("queue", rule));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return agents.search(group, queue);
    }

    /**
     * The agent who answers on this queue member interface, as AMI reports it ({@code Interface} of
     * {@code AgentConnect}, {@code QueueMemberStatus}, ...); any case. Not a channel name such as
     * {@code PJSIP/1001-0000002a}.
     */
    public Optional<Agent> byInterface(String memberInterface) {
        return InputRule.INTERFACE.accepts(memberInterface) ? agents.byInterface(memberInterface) : Optional.empty();
    }

    /** The interfaces of one agent, as they were given; empty for an unknown agent. */
    public Set<String> interfacesOf(String userId) {
        return InputRule.USER_ID.accepts(userId) ? Agent.sorted(agents.interfacesOf(userId)) : Set.of();
    }

    /** The user ids of the agents in a group; empty for a group nobody is in. */
    public Set<String> membersOf(String group) {
        return InputRule.GROUP.accepts(group) ? Agent.sorted(agents.membersOf(group)) : Set.of();
    }

    /** Every interface of every agent in a group: where a callback for the group may go. */
    public Set<String> interfacesOfGroup(String group) {
        return InputRule.GROUP.accepts(group) ? Agent.sorted(agents.interfacesOfGroup(group)) : Set.of();
    }

    // ------------------------------------------------------------------ changes

    /**
     * Creates or replaces an agent: display name, interfaces, queues and groups are all replaced; the
     * creation time is kept.
     */
    public Saved save(String userId, AgentDetails details) {
        check(userId, details);
        return store(userId, details, Mode.CREATE_OR_REPLACE);
    }

    /** Adds a new agent. @throws AgentExistsException when the user id is taken */
    public Agent create(String userId, AgentDetails details) {
        check(userId, details);
        return store(userId, details, Mode.CREATE).agent();
    }

    /** Replaces an agent's details. @throws UnknownAgentException when there is no such agent */
    public Agent update(String userId, AgentDetails details) {
        check(userId, details);
        return store(userId, details, Mode.REPLACE).agent();
    }

    /**
     * Removes an agent: they left the company. Their interfaces are free for someone else; publishes
     * {@link AgentRemoved} in the same transaction.
     *
     * @throws UnknownAgentException when there is no such agent
     */
    public void remove(String userId) {
        if (!InputRule.USER_ID.accepts(userId)) {
            throw new UnknownAgentException(userId);
        }
        tx.executeWithoutResult(status -> {
            if (!agents.delete(userId)) {
                throw new UnknownAgentException(userId);
            }
            events.publishEvent(new AgentRemoved(userId));
        });
        log.info("Agent {} removed from the directory", userId);
    }

    private enum Mode { CREATE, REPLACE, CREATE_OR_REPLACE }

    private Saved store(String userId, AgentDetails details, Mode mode) {
        Saved saved;
        try {
            saved = tx.execute(status -> {
                boolean created = insertOrUpdate(userId, details.displayName(), mode);
                Map<String, String> taken = agents.ownersOtherThan(userId, details.interfaces());
                if (!taken.isEmpty()) {
                    throw new InterfaceTakenException(taken);
                }
                agents.replaceMemberships(userId, details);
                return new Saved(agents.find(userId).orElseThrow(), created);
            });
        } catch (DuplicateKeyException e) {
            // another agent took one of the interfaces between the check and the insert
            Map<String, String> taken = agents.ownersOtherThan(userId, details.interfaces());
            if (taken.isEmpty()) {
                throw e;
            }
            throw new InterfaceTakenException(taken);
        }
        log.info("Agent {} {}: {} interface(s), {} queue(s), {} group(s)", userId, saved.created() ? "created" : "replaced",
                saved.agent().interfaces().size(), saved.agent().queues().size(), saved.agent().groups().size());
        return saved;
    }

    /** True when the agent was created. */
    private boolean insertOrUpdate(String userId, String displayName, Mode mode) {
        if (mode == Mode.REPLACE) {
            if (!agents.updateDisplayName(userId, displayName)) {
                throw new UnknownAgentException(userId);
            }
            return false;
        }
        // the insert waits for a concurrent one; an agent removed meanwhile is inserted on the next round
        for (int round = 0; round < 3; round++) {
            if (agents.insertIfAbsent(userId, displayName)) {
                return true;
            }
            if (mode == Mode.CREATE) {
                throw new AgentExistsException(userId);
            }
            if (agents.updateDisplayName(userId, displayName)) {
                return false;
            }
        }
        throw new IllegalStateException("Agent " + userId + " was created and removed again three times while saving");
    }

    /** Every rule, every field: one exception naming all that is wrong. */
    private static void check(String userId, AgentDetails details) {
        Map<String, String> errors = new LinkedHashMap<>();
        InputRule.USER_ID.problem(userId).ifPresent(rule -> errors.put("userId", rule));
        if (details == null) {
            errors.put("displayName", InputRule.DISPLAY_NAME.rule());
            throw new InvalidRequestException(errors);
        }
        InputRule.DISPLAY_NAME.problem(details.displayName()).ifPresent(rule -> errors.put("displayName", rule));
        checkList(errors, "interfaces", details.interfaces(), MAX_INTERFACES, InputRule.INTERFACE.rule(),
                InputRule.INTERFACE::accepts, true);
        checkList(errors, "queues", details.queues(), MAX_QUEUES, InputRule.QUEUE.rule(), InputRule.QUEUE::accepts, false);
        checkList(errors, "groups", details.groups(), MAX_GROUPS, InputRule.GROUP.rule(), InputRule.GROUP::accepts, false);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private static void checkList(Map<String, String> errors, String field, List<String> values, int max, String rule,
                                  Predicate<String> accepts, boolean anyCase) {
        if (values.size() > max) {
            errors.put(field, "must list at most " + max);
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String name = field + "[" + i + "]";
            if (!accepts.test(value)) {
                errors.put(name, rule);
                continue;
            }
            Integer first = seen.putIfAbsent(anyCase ? Agent.interfaceKey(value) : value, i);
            if (first != null) {
                errors.put(name, "repeats " + field + "[" + first + "]" + (values.get(first).equals(value) ? ""
                        : " (" + values.get(first) + " and " + value + " are one interface: Asterisk compares them in any case)"));
            }
        }
    }
}
