package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.directory.Agent;
import io.ringback.directory.AgentDetails;
import io.ringback.directory.AgentDirectory;
import io.ringback.embedded.DemoAgents;
import io.ringback.simulator.QueueMemberSpec;
import io.ringback.simulator.SimulatorConfig;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The embedded mode's directory: one agent for each default member of the simulated Asterisk. */
class DemoAgentsTest extends RingbackIntegrationTest {

    @Autowired AgentDirectory directory;
    @Autowired DemoAgents demoAgents;

    @Test
    void everyDefaultMemberOfTheSimulatedAsteriskIsASeededAgentServingItsQueue() {
        SimulatorConfig.defaults().queues().forEach((queue, members) -> {
            for (QueueMemberSpec member : members) {
                Agent agent = directory.byInterface(member.memberInterface()).orElseThrow();
                assertThat(agent.displayName()).isEqualTo(member.name());
                assertThat(agent.queues()).containsExactly(queue);
                assertThat(agent.interfaces()).containsExactly(member.memberInterface());
            }
        });
        assertThat(directory.find("agent1")).map(Agent::interfaces).contains(java.util.Set.of("Local/agent1@agents"));
        assertThat(directory.find("agent4")).map(Agent::displayName).contains("Agent Four");
        assertThat(directory.membersOf("support-team")).contains("agent1", "agent2").doesNotContain("agent3", "agent4");
        assertThat(directory.membersOf("sales-team")).contains("agent3").doesNotContain("agent1", "agent2", "agent4");
        assertThat(directory.membersOf("billing-team")).contains("agent4").doesNotContain("agent1", "agent2", "agent3");
    }

    @Test
    void seedingAgainAddsOnlyTheAgentsThatAreAbsentAndKeepsWhatAnAdministratorChanged() {
        AgentDetails seededThree = DemoAgents.AGENTS.get("agent3");
        directory.update("agent3", new AgentDetails("Agent Three (night shift)", seededThree.interfaces(),
                List.of("sales", "support"), seededThree.groups()));
        directory.remove("agent4");
        try {
            List<String> seeded = demoAgents.seed();

            assertThat(seeded).containsExactly("agent4");
            assertThat(directory.find("agent4")).get().satisfies(a -> {
                assertThat(a.displayName()).isEqualTo("Agent Four");
                assertThat(a.interfaces()).containsExactly("Local/agent4@agents");
                assertThat(a.queues()).containsExactly("billing");
                assertThat(a.groups()).containsExactly("billing-team");
            });
            assertThat(directory.find("agent3")).get().satisfies(a -> {
                assertThat(a.displayName()).isEqualTo("Agent Three (night shift)");
                assertThat(a.queues()).containsExactly("sales", "support");
            });
            assertThat(demoAgents.seed()).as("nothing absent, nothing seeded").isEmpty();
        } finally {
            directory.update("agent3", seededThree);
            if (!directory.exists("agent4")) {
                directory.create("agent4", DemoAgents.AGENTS.get("agent4"));
            }
        }
    }
}
