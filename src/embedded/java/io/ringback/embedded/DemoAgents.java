package io.ringback.embedded;

import io.ringback.directory.AgentDetails;
import io.ringback.directory.AgentDirectory;
import io.ringback.directory.AgentExistsException;
import io.ringback.directory.InterfaceTakenException;
import io.ringback.simulator.SimulatedAsterisk;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The agent directory of the embedded mode: one agent for each default member of the simulated
 * Asterisk ({@code SimulatorConfig.defaults()}), so that the reconciliation maps every member and the
 * demo has people to show. Seeded at start, each agent only if its user id is absent: what an
 * administrator changed (in a PostgreSQL that keeps data) stays as it is. Only with the simulated
 * Asterisk: the interfaces are the simulator's.
 */
@Component
@Profile(EmbeddedInfrastructure.PROFILE)
@ConditionalOnBean(SimulatedAsterisk.class)
public class DemoAgents implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoAgents.class);

    /** User id to agent: the simulator's members, their names and queues; agent1 and agent2 are demo login users too. */
    public static final Map<String, AgentDetails> AGENTS = agents();

    private final AgentDirectory directory;

    DemoAgents(AgentDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void run(ApplicationArguments args) {
        seed();
    }

    /** Creates the demo agents that are absent; returns the user ids created. */
    public List<String> seed() {
        List<String> created = new ArrayList<>();
        AGENTS.forEach((userId, details) -> {
            if (directory.exists(userId)) {
                return;
            }
            try {
                directory.create(userId, details);
                created.add(userId);
            } catch (AgentExistsException raced) {
                // created meanwhile (another instance on the same database): theirs stays
            } catch (InterfaceTakenException taken) {
                log.warn("Demo agent {} not seeded: {}", userId, taken.getMessage());
            }
        });
        log.info("Demo agents: seeded {}, {} already in the directory", created, AGENTS.size() - created.size());
        return created;
    }

    private static Map<String, AgentDetails> agents() {
        Map<String, AgentDetails> agents = new LinkedHashMap<>();
        agents.put("agent1", new AgentDetails("Agent One", List.of("Local/agent1@agents"), List.of("support"),
                List.of("support-team")));
        agents.put("agent2", new AgentDetails("Agent Two", List.of("Local/agent2@agents"), List.of("support"),
                List.of("support-team")));
        agents.put("agent3", new AgentDetails("Agent Three", List.of("Local/agent3@agents"), List.of("sales"),
                List.of("sales-team")));
        agents.put("agent4", new AgentDetails("Agent Four", List.of("Local/agent4@agents"), List.of("billing"),
                List.of("billing-team")));
        return Collections.unmodifiableMap(agents);
    }
}
