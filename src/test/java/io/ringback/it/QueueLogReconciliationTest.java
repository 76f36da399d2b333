package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringback.callback.CallbackStatus;
import io.ringback.queuelog.QueueLogReconciliation;
import io.ringback.simulator.CustomerBehaviour;
import io.ringback.simulator.QueueLogEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Asterisk does not replay AMI events: abandons while the link is down are recovered from its realtime
 * queue_log (here the simulated Asterisk's table in the embedded PostgreSQL) after the reconnect, with
 * their real abandon and wait times, decided on by the model as usual, and each recorded once.
 */
class QueueLogReconciliationTest extends RingbackIntegrationTest {

    @Autowired QueueLogReconciliation reconciliation;

    @AfterEach
    void amiIsBack() {
        if (asterisk.isSuspended()) {
            asterisk.resume();
        }
        await().atMost(Duration.ofSeconds(20)).until(ami::isConnected);
    }

    /** Default rows of the test decisions: callbacks on, at least 10 s of waiting, business hours. */
    private String queue() {
        return queueWithAgent("qlog");
    }

    @Test
    void anAbandonMissedWhileAmiWasDownBecomesACallbackWithItsRealAbandonTimeAfterTheReconnect() throws Exception {
        String queue = queue();
        String number = newNumber();
        asterisk.suspend();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ami.isConnected());

        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String uniqueId = asterisk.abandon(queue, number, "Missed Caller", 40);
        Instant after = Instant.now();
        Thread.sleep(1_500); // recovered later than it happened
        assertThat(callbacks.search(null, queue, number, 10, 0)).as("nobody heard it over AMI").isEmpty();

        asterisk.resume();

        var callback = awaitCallback(queue, number);
        assertThat(callback.abandonedAt()).isBetween(before, after);
        assertThat(callback.holdTimeSeconds()).isEqualTo(40);
        assertThat(callback.callerName()).isNull(); // queue_log has no caller name without log-caller-id-name
        assertThat(callback.createdBy()).startsWith("ami:");
        assertThat(jdbc.sql("select count(*) from abandon_event where unique_id = ?").param(uniqueId)
                .query(Integer.class).single()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> callbacks.find(callback.id()).orElseThrow()
                .processInstanceKey() != null);
    }

    @Test
    void aRecoveredAbandonIsEligibleAsUsualByItsRealWaitTime() throws Exception {
        String queue = queue();
        String number = newNumber();
        asterisk.suspend();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ami.isConnected());
        asterisk.abandon(queue, number, "Hasty Caller", 3); // the queue calls back after at least 10 s

        asterisk.resume();

        var callback = awaitCallback(queue, number);
        awaitStatus(callback.id(), CallbackStatus.NOT_ELIGIBLE, Duration.ofSeconds(20));
    }

    @Test
    void anAbandonAmiDidReportIsNotTakenAgainFromTheQueueLog() throws Exception {
        String queue = queue();
        String number = newNumber();
        Instant start = Instant.now().minusSeconds(1);
        String uniqueId = asterisk.abandon(queue, number, "Heard Caller", 30);
        var callback = awaitCallback(queue, number);
        awaitQueueLogRow(uniqueId);

        var result = reconciliation.reconcile(start, Instant.now().plusSeconds(1));

        assertThat(result.created()).isZero();
        assertThat(result.known()).isGreaterThanOrEqualTo(1);
        assertThat(callbacks.search(null, queue, number, 10, 0)).singleElement()
                .satisfies(c -> assertThat(c.id()).isEqualTo(callback.id()));
        assertThat(callbacks.find(callback.id()).orElseThrow().abandonCount()).isEqualTo(1);
    }

    @Test
    void callbackCallsThatLeaveTheQueueNeverBecomeCallbacks() throws Exception {
        String queue = "it-fast-qlog-" + UUID.randomUUID().toString().substring(0, 8);
        asterisk.addMember(queue, "Local/" + queue + "-agent@agents", "Agent of " + queue);
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.ANSWER_THEN_LEAVE_QUEUE, CustomerBehaviour.BUSY);
        Instant start = Instant.now().minusSeconds(1);
        asterisk.abandon(queue, number, "Leaving Caller", 30);
        var callback = awaitCallback(queue, number);
        await().atMost(Duration.ofSeconds(30)).until(() -> asterisk.queueLog().stream().anyMatch(e ->
                e.event().equals(QueueLogEntry.ABANDON) && e.callId().startsWith("rb-" + callback.id())));
        awaitQueueLogRow("rb-" + callback.id() + "-1");

        var result = reconciliation.reconcile(start, Instant.now().plusSeconds(1));

        assertThat(result.ownCalls()).isGreaterThanOrEqualTo(1);
        assertThat(callbacks.search(null, queue, number, 10, 0)).hasSize(1);
        assertThat(callbacks.search(null, queue, null, 10, 0)).hasSize(1);
    }

    /** The simulated Asterisk writes its queue_log table on a thread of its own. */
    private void awaitQueueLogRow(String callId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbcQueueLogRows(callId) > 0);
    }

    private int jdbcQueueLogRows(String callId) {
        String url = env.getProperty("ringback.queue-log.url");
        try (var connection = java.sql.DriverManager.getConnection(url, "postgres", "postgres");
             var statement = connection.prepareStatement("select count(*) from queue_log where callid = ? and event = 'ABANDON'")) {
            statement.setString(1, callId);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired org.springframework.core.env.Environment env;
}
