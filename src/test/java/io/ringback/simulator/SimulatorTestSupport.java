package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Starts a fresh simulator on a free port before each test and logs a real asterisk-java client
 * into it, with an {@link EventCollector} listening.
 */
abstract class SimulatorTestSupport {

    static final String USER = "ringback";
    static final String SECRET = "ringback";

    protected SimulatedAsterisk asterisk;
    protected ManagerConnection connection;
    protected EventCollector events;

    /** Short delays keep the tests fast. */
    static SimulatorConfig fastConfig() {
        return SimulatorConfig.defaults()
                .withPort(0)
                .withRingTime(Duration.ofMillis(400))
                .withAnswerDelay(Duration.ofMillis(50))
                .withTalkTime(Duration.ofMillis(300))
                .withMessageDuration(Duration.ofMillis(20))
                .withLeaveQueueAfter(Duration.ofMillis(300));
    }

    @BeforeEach
    void startSimulatorAndLogIn() throws Exception {
        startWith(fastConfig());
    }

    @AfterEach
    void stopSimulator() {
        stop();
    }

    /** Replaces the running simulator and client by new ones using {@code config}. */
    protected void startWith(SimulatorConfig config) throws Exception {
        stop();
        asterisk = new SimulatedAsterisk(config);
        asterisk.start();
        events = new EventCollector();
        connection = newConnection(SECRET);
        connection.addEventListener(events);
        connection.login();
    }

    protected ManagerConnection newConnection(String secret) {
        return new ManagerConnectionFactory("127.0.0.1", asterisk.port(), USER, secret).createManagerConnection();
    }

    /** Waits until the simulator counts {@code expected} logged-in sessions. */
    protected void awaitLoggedInSessions(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + EventCollector.TIMEOUT.toNanos();
        while (asterisk.loggedInSessions() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(asterisk.loggedInSessions()).as("logged-in sessions").isEqualTo(expected);
    }

    private void stop() {
        if (connection != null && (connection.getState() == ManagerConnectionState.CONNECTED
                || connection.getState() == ManagerConnectionState.RECONNECTING)) {
            connection.logoff();
        }
        if (asterisk != null) {
            asterisk.close();
        }
    }
}
