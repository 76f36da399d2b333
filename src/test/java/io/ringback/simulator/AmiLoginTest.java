package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.asteriskjava.AsteriskVersion;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.action.CoreSettingsAction;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.response.CoreSettingsResponse;
import org.junit.jupiter.api.Test;

class AmiLoginTest extends SimulatorTestSupport {

    @Test
    void asteriskJavaLogsInWithTheMd5Challenge() {
        assertThat(connection.getState()).isEqualTo(ManagerConnectionState.CONNECTED);
        assertThat(asterisk.loggedInSessions()).isEqualTo(1);
    }

    @Test
    void fullyBootedFollowsASuccessfulLogin() {
        FullyBootedEvent booted = events.await(FullyBootedEvent.class, e -> true);

        assertThat(booted.getStatus()).isEqualTo("Fully Booted");
        assertThat(booted.getPrivilege()).isEqualTo("system,all");
    }

    @Test
    void coreSettingsReportsTheCapturedAsteriskVersion() throws Exception {
        CoreSettingsResponse settings = (CoreSettingsResponse) connection.sendAction(new CoreSettingsAction());

        assertThat(settings.getAmiVersion()).isEqualTo("11.0.0");
        assertThat(settings.getAsteriskVersion()).isEqualTo("22.10.1");
        assertThat(connection.getVersion()).isEqualTo(AsteriskVersion.ASTERISK_22);
    }

    @Test
    void wrongSecretIsRejectedAfterTheLoginDelay() {
        ManagerConnection intruder = newConnection("not-the-secret");
        long started = System.nanoTime();

        assertThatThrownBy(intruder::login).isInstanceOf(AuthenticationFailedException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(intruder.getState()).isEqualTo(ManagerConnectionState.DISCONNECTED);
        assertThat(asterisk.loggedInSessions()).isEqualTo(1);
    }

    @Test
    void logoffEndsTheSession() throws Exception {
        connection.logoff();

        assertThat(connection.getState()).isEqualTo(ManagerConnectionState.DISCONNECTED);
        awaitLoggedInSessions(0);
    }

    @Test
    void everyLoggedInClientReceivesTheEvents() throws Exception {
        ManagerConnection second = newConnection(SECRET);
        EventCollector secondEvents = new EventCollector();
        second.addEventListener(secondEvents);
        second.login();
        try {
            String uniqueId = asterisk.abandon("support", "5550001", "Alice", 3);

            events.await(QueueCallerAbandonEvent.class, e -> uniqueId.equals(e.getUniqueId()));
            secondEvents.await(QueueCallerAbandonEvent.class, e -> uniqueId.equals(e.getUniqueId()));
            assertThat(asterisk.loggedInSessions()).isEqualTo(2);
        } finally {
            second.logoff();
        }
    }
}
