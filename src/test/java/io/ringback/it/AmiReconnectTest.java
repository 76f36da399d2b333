package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringback.agent.AgentRegistry;
import io.ringback.callback.CallbackStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** The AMI connection survives the server dropping it, re-reads the agents, and health tells the state. */
@SuppressWarnings({"unchecked", "rawtypes"})
class AmiReconnectTest extends RingbackIntegrationTest {

    @Autowired TestRestTemplate rest;
    @Autowired AgentRegistry agents;

    @Test
    void afterTheServerDropsTheConnectionItReconnectsReadsAgentsAgainAndKeepsTakingAbandons() {
        long before = ami.reconnects();
        String queue = "it-fast-reconnect-" + System.nanoTime();

        asterisk.dropConnections();
        await().atMost(Duration.ofSeconds(20)).until(() -> ami.reconnects() > before && ami.isConnected());
        // member events flow again on the new connection
        asterisk.addMember(queue, "Local/" + queue + "@agents", "Reconnect Agent");
        await().atMost(Duration.ofSeconds(5)).until(() -> agents.members(queue).size() == 1);

        String number = newNumber();
        asterisk.abandon("billing", number, "Olga", 50);
        awaitStatus(awaitCallback("billing", number).id(), CallbackStatus.DISABLED, Duration.ofSeconds(20));
    }

    @Test
    void healthShowsAmiDatabaseAndEngine() {
        Map<String, Object> health = rest.getForObject("/actuator/health", Map.class);
        Map<String, Object> components = (Map<String, Object>) health.get("components");

        assertThat(health.get("status")).isEqualTo("UP");
        Map<String, Object> amiHealth = (Map<String, Object>) components.get("ami");
        assertThat(amiHealth.get("status")).isEqualTo("UP");
        assertThat((Map<String, Object>) amiHealth.get("details")).containsEntry("state", "CONNECTED").containsKey("reconnects");
        assertThat(((Map<String, Object>) components.get("db")).get("status")).isEqualTo("UP");
        assertThat(components.keySet()).anySatisfy(name -> assertThat(name.toString()).containsIgnoringCase("camunda"));
    }
}
