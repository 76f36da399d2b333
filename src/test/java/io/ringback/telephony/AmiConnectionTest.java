package io.ringback.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringback.agent.AgentRegistry;
import io.ringback.simulator.SimulatedAsterisk;
import io.ringback.simulator.SimulatorConfig;
import java.net.ServerSocket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;


/**
 * Our AMI connection with the real asterisk-java client against the simulated Asterisk: the first
 * login is retried until Asterisk is there (asterisk-java only reconnects after a successful
 * login), agents are read at connect, and health follows the state.
 */
class AmiConnectionTest {

    /** The translator publishing to the agent registry only, as the application context would. */
    static AmiEventTranslator translatorFeeding(AgentRegistry agents, AmiProperties properties) {
        return new AmiEventTranslator(event -> {
            if (event instanceof PbxEvents.MembersSnapshot snapshot) {
                agents.resync(snapshot.members());
            } else if (event instanceof PbxEvents.MemberReported reported) {
                agents.report(reported.member());
            }
        }, properties, new AmiRejections(new SimpleMeterRegistry(), Clock.systemUTC()), Clock.systemUTC());
    }

    @Test
    void theFirstLoginIsRetriedUntilAsteriskAnswersAndHealthFollows() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        var properties = new AmiProperties("127.0.0.1", port, "ringback", "ringback", Duration.ofMillis(100),
                Duration.ofMillis(400), Duration.ofSeconds(5), 100, null);
        AgentRegistry agents = new AgentRegistry(Clock.systemUTC(), event -> { });
        var connection = new AmiConnection(properties, translatorFeeding(agents, properties), Clock.systemUTC());
        var health = new AmiHealthIndicator(connection, properties);

        connection.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> connection.state() == AmiConnection.State.DISCONNECTED);
            assertThat(health.health().getStatus()).isEqualTo(AmiHealthIndicator.UNREACHABLE);
            assertThat(health.health().getDetails()).containsKey("error");

            try (var asterisk = new SimulatedAsterisk(SimulatorConfig.defaults().withPort(port))) {
                asterisk.start();
                await().atMost(Duration.ofSeconds(10)).until(connection::isConnected);
                assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                await().atMost(Duration.ofSeconds(5)).until(() -> agents.available("support").size() == 2);
            }
        } finally {
            connection.stop();
        }
    }

    @Test
    void aWrongSecretIsReportedAndRetried() {
        try (var asterisk = new SimulatedAsterisk(SimulatorConfig.defaults().withPort(0))) {
            asterisk.start();
            var properties = new AmiProperties("127.0.0.1", asterisk.port(), "ringback", "wrong", Duration.ofMillis(100),
                    Duration.ofMillis(200), Duration.ofSeconds(5), 100, null);
            var connection = new AmiConnection(properties,
                    translatorFeeding(new AgentRegistry(Clock.systemUTC(), event -> { }), properties), Clock.systemUTC());
            connection.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> connection.lastError() != null
                        && connection.lastError().contains("Authentication"));
                assertThat(connection.isConnected()).isFalse();
            } finally {
                connection.stop();
            }
        }
    }
}
