package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.junit.jupiter.api.Test;

class ReconnectTest extends SimulatorTestSupport {

    @Test
    void clientReconnectsByItselfAfterTheConnectionsAreDropped() throws Exception {
        asterisk.dropConnections();

        events.await(DisconnectEvent.class, e -> true);
        events.awaitCount(ConnectEvent.class, e -> true, 2);
        assertThat(connection.getState()).isEqualTo(ManagerConnectionState.CONNECTED);
        awaitLoggedInSessions(1);
    }

    @Test
    void reconnectedClientStillReceivesEvents() throws Exception {
        asterisk.dropConnections();
        events.awaitCount(ConnectEvent.class, e -> true, 2);
        awaitLoggedInSessions(1);

        String uniqueId = asterisk.abandon("support", "5550001", "Alice", 8);

        events.await(QueueCallerAbandonEvent.class, e -> uniqueId.equals(e.getUniqueId()));
    }

    @Test
    void serverKeepsListeningAfterDroppingConnections() throws Exception {
        asterisk.dropConnections();

        assertThat(asterisk.isRunning()).isTrue();
        var another = newConnection(SECRET);
        another.login();
        another.logoff();
    }
}
