package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.junit.jupiter.api.Test;

/** {@link SimulatedAsterisk#suspend()}: the manager interface goes down while the PBX goes on. */
class AmiOutageTest extends SimulatorTestSupport {

    @Test
    void suspendDropsTheConnection() throws Exception {
        asterisk.suspend();

        events.await(DisconnectEvent.class, e -> true);
        assertThat(asterisk.isSuspended()).isTrue();
        assertThat(asterisk.loggedInSessions()).isZero();
    }

    @Test
    void newConnectionsAreRefusedWhileSuspended() {
        asterisk.suspend();

        assertThatThrownBy(() -> new Socket("127.0.0.1", asterisk.port()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void abandonDuringTheOutageIsNeverDelivered() throws Exception {
        asterisk.suspend();
        events.await(DisconnectEvent.class, e -> true);

        String lost = asterisk.abandon("support", "5550001", "Alice", 8);
        asterisk.resume();
        events.awaitCount(ConnectEvent.class, e -> true, 2);
        awaitLoggedInSessions(1);
        String after = asterisk.abandon("support", "5550002", "Bob", 3);

        events.await(QueueCallerAbandonEvent.class, e -> after.equals(e.getUniqueId()));
        events.assertNoneWithin(Duration.ofMillis(200), QueueCallerAbandonEvent.class,
                e -> lost.equals(e.getUniqueId()));
    }

    @Test
    void clientReconnectsByItselfAfterResume() throws Exception {
        asterisk.suspend();
        events.await(DisconnectEvent.class, e -> true);

        asterisk.resume();

        events.awaitCount(ConnectEvent.class, e -> true, 2);
        awaitLoggedInSessions(1);
        assertThat(connection.getState()).isEqualTo(ManagerConnectionState.CONNECTED);
        assertThat(asterisk.isSuspended()).isFalse();
    }

    @Test
    void newClientCanLogInAfterResumeOnTheSamePort() throws Exception {
        int port = asterisk.port();
        asterisk.suspend();
        asterisk.resume();

        ManagerConnection another = newConnection(SECRET);
        another.login();
        another.logoff();
        assertThat(asterisk.port()).isEqualTo(port);
    }

    @Test
    void pbxGoesOnDuringTheOutageAndQueueStatusShowsItAfterResume() throws Exception {
        asterisk.suspend();
        asterisk.abandon("support", "5550001", "Alice", 8);
        asterisk.setMemberPaused("support", "Local/agent2@agents", true, "lunch");
        asterisk.resume();
        events.awaitCount(ConnectEvent.class, e -> true, 2);
        awaitLoggedInSessions(1);

        QueueStatusAction support = new QueueStatusAction();
        support.setQueue("support");
        ResponseEvents status = connection.sendEventGeneratingAction(support);

        assertThat(status.getEvents()).filteredOn(QueueParamsEvent.class::isInstance).singleElement()
                .satisfies(params -> assertThat(((QueueParamsEvent) params).getAbandoned()).isEqualTo(1));
        assertThat(status.getEvents()).filteredOn(QueueMemberEvent.class::isInstance).map(QueueMemberEvent.class::cast)
                .filteredOn(member -> "Local/agent2@agents".equals(member.getInterface()))
                .singleElement().satisfies(member -> assertThat(member.getPaused()).isTrue());
    }

    @Test
    void suspendAndResumeAreIdempotent() throws Exception {
        asterisk.suspend();
        asterisk.suspend();
        assertThat(asterisk.isSuspended()).isTrue();

        asterisk.resume();
        asterisk.resume();

        assertThat(asterisk.isSuspended()).isFalse();
        assertThat(asterisk.isRunning()).isTrue();
        events.awaitCount(ConnectEvent.class, e -> true, 2);
        awaitLoggedInSessions(1);
    }

    @Test
    void simulatorThatWasNeverStartedCannotBeSuspended() {
        try (SimulatedAsterisk notStarted = new SimulatedAsterisk(fastConfig())) {
            assertThatThrownBy(notStarted::suspend).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void suspendedSimulatorClosesCleanly() {
        asterisk.suspend();

        asterisk.close();

        assertThat(asterisk.isRunning()).isFalse();
        assertThatThrownBy(asterisk::resume).isInstanceOf(IllegalStateException.class);
    }
}
