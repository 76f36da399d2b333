package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.List;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OriginateTest extends SimulatorTestSupport {

    private static final String CUSTOMER = "Local/9101@outbound";

    @ParameterizedTest(name = "{0} answers the Originate with {2} reason {1}")
    @CsvSource({
            "ANSWER, 4, Success",
            "BUSY, 5, Failure",
            "NO_ANSWER, 3, Failure",
            "CONGESTION, 8, Failure",
            "REJECT, 0, Failure",
            "UNKNOWN_NUMBER, 0, Failure"})
    void originateResponseCarriesTheReasonOfTheCustomersBehaviour(CustomerBehaviour behaviour, int reason,
            String response) throws Exception {
        asterisk.setBehaviour("9101", behaviour);

        ManagerResponse acknowledgement = connection.sendAction(callback(CUSTOMER, "cb-1", "uid-cb-1"));

        assertThat(acknowledgement.getResponse()).isEqualTo("Success");
        assertThat(acknowledgement.getMessage()).isEqualTo("Originate successfully queued");
        OriginateResponseEvent outcome = events.await(OriginateResponseEvent.class, e -> "cb-1".equals(e.getActionId()));
        assertThat(outcome.getReason()).isEqualTo(reason);
        assertThat(outcome.getResponse()).isEqualTo(response);
        assertThat(outcome.getPrivilege()).isEqualTo("call,all");
        assertThat(outcome.getContext()).isEqualTo("callback");
        assertThat(outcome.getExten()).isEqualTo("s");
        assertThat(outcome.getCallerIdNum()).isEqualTo("5551234");
        assertThat(outcome.getCallerIdName()).isEqualTo("Callback");
    }

    @Test
    void answeredCallRunsOnANewLocalChannelUnderItsChannelId() throws Exception {
        connection.sendAction(callback(CUSTOMER, "cb-1", "uid-cb-1"));

        OriginateResponseEvent outcome = events.await(OriginateResponseEvent.class, e -> "cb-1".equals(e.getActionId()));
        assertThat(outcome.getChannel()).matches("Local/9101@outbound-[0-9a-f]{8};1");
        assertThat(outcome.getUniqueId()).isEqualTo("uid-cb-1");
    }

    @Test
    void failedCallEchoesTheRequestedChannelAndTheChannelId() throws Exception {
        asterisk.setBehaviour("9201", CustomerBehaviour.BUSY);

        connection.sendAction(callback("Local/9201@outbound", "cb-busy", "uid-busy"));

        OriginateResponseEvent outcome = events.await(OriginateResponseEvent.class, e -> "cb-busy".equals(e.getActionId()));
        assertThat(outcome.getChannel()).isEqualTo("Local/9201@outbound");
        assertThat(outcome.getUniqueId()).isEqualTo("uid-busy");
    }

    @Test
    void failedCallWithoutChannelIdHasNoUniqueid() throws Exception {
        asterisk.setBehaviour("9201", CustomerBehaviour.BUSY);

        connection.sendAction(callback("Local/9201@outbound", "cb-busy", null));

        OriginateResponseEvent outcome = events.await(OriginateResponseEvent.class, e -> "cb-busy".equals(e.getActionId()));
        // The wire says "Uniqueid: <unknown>" (see RawAmiProtocolTest); asterisk-java maps <unknown> to null.
        assertThat(outcome.getUniqueId()).isNull();
    }

    @Test
    void customerWhoNeverRespondsGetsNoOriginateResponse() throws Exception {
        asterisk.setBehaviour("9101", CustomerBehaviour.NO_RESPONSE);

        ManagerResponse acknowledgement = connection.sendAction(callback(CUSTOMER, "cb-1", "uid-cb-1"));

        assertThat(acknowledgement.getMessage()).isEqualTo("Originate successfully queued");
        events.assertNoneWithin(Duration.ofMillis(800), OriginateResponseEvent.class, e -> true);
    }

    @Test
    void answeredCallbackIsConnectedToAnAgentUnderItsChannelId() throws Exception {
        connection.sendAction(callback(CUSTOMER, "cb-1", "uid-cb-1"));

        AgentConnectEvent connect = events.await(AgentConnectEvent.class, e -> "uid-cb-1".equals(e.getUniqueId()));
        assertThat(connect.getQueue()).isEqualTo("support");
        assertThat(connect.getCallerIdNum()).isEqualTo("5551234");
        assertThat(connect.getContext()).isEqualTo("callback");
        assertThat(connect.getMemberName()).isEqualTo("Agent One");
    }

    @Test
    void answeredCallbackJoinsTheQueueNamedByCbQueue() throws Exception {
        OriginateAction toSales = callback(CUSTOMER, "cb-1", "uid-cb-1");
        toSales.setVariable("CB_QUEUE", "sales");

        connection.sendAction(toSales);

        AgentConnectEvent connect = events.await(AgentConnectEvent.class, e -> "uid-cb-1".equals(e.getUniqueId()));
        assertThat(connect.getQueue()).isEqualTo("sales");
        assertThat(connect.getInterface()).isEqualTo("Local/agent3@agents");
    }

    @Test
    void answeredCallbackWaitsInTheQueueUntilAnAgentBecomesFree() throws Exception {
        asterisk.setMemberAvailable("support", "Local/agent1@agents", false);
        asterisk.setMemberPaused("support", "Local/agent2@agents", true, "lunch");

        connection.sendAction(callback(CUSTOMER, "cb-1", "uid-cb-1"));

        QueueCallerJoinEvent join = events.await(QueueCallerJoinEvent.class, e -> "uid-cb-1".equals(e.getUniqueId()));
        assertThat(join.getPosition()).isEqualTo(1);
        events.assertNoneWithin(Duration.ofMillis(300), AgentConnectEvent.class, e -> true);

        asterisk.setMemberAvailable("support", "Local/agent1@agents", true);

        AgentConnectEvent connect = events.await(AgentConnectEvent.class, e -> "uid-cb-1".equals(e.getUniqueId()));
        assertThat(connect.getInterface()).isEqualTo("Local/agent1@agents");
    }

    @Test
    void waitingCallbackIsListedByQueueStatus() throws Exception {
        asterisk.setMemberAvailable("support", "Local/agent1@agents", false);
        asterisk.setMemberAvailable("support", "Local/agent2@agents", false);
        connection.sendAction(callback(CUSTOMER, "cb-1", "uid-cb-1"));
        events.await(QueueCallerJoinEvent.class, e -> "uid-cb-1".equals(e.getUniqueId()));

        QueueStatusAction support = new QueueStatusAction();
        support.setQueue("support");
        ResponseEvents status = connection.sendEventGeneratingAction(support);

        assertThat(status.getEvents()).filteredOn(QueueParamsEvent.class::isInstance)
                .singleElement().extracting(e -> ((QueueParamsEvent) e).getCalls()).isEqualTo(1);
        assertThat(status.getEvents()).filteredOn(QueueEntryEvent.class::isInstance)
                .singleElement().satisfies(e -> {
                    QueueEntryEvent entry = (QueueEntryEvent) e;
                    assertThat(entry.getUniqueId()).isEqualTo("uid-cb-1");
                    assertThat(entry.getPosition()).isEqualTo(1);
                    assertThat(entry.getCallerIdNum()).isEqualTo("5551234");
                });
    }

    @Test
    void behaviourSequenceIsConsumedOnePerOriginateAndItsLastBehaviourRepeats() throws Exception {
        asterisk.setBehaviour("9101", CustomerBehaviour.BUSY, CustomerBehaviour.CONGESTION);

        for (String attempt : List.of("a-1", "a-2", "a-3")) {
            connection.sendAction(callback(CUSTOMER, attempt, null));
            events.await(OriginateResponseEvent.class, e -> attempt.equals(e.getActionId()));
        }

        assertThat(events.awaitCount(OriginateResponseEvent.class, e -> true, 3))
                .extracting(OriginateResponseEvent::getReason)
                .containsExactly(5, 8, 8);
    }

    @Test
    void registeredNumberStillMatchesBehindADialPrefix() throws Exception {
        asterisk.setBehaviour("0555123456", CustomerBehaviour.BUSY);

        connection.sendAction(callback("Local/90555123456@outbound", "cb-1", null));

        assertThat(events.await(OriginateResponseEvent.class, e -> "cb-1".equals(e.getActionId())).getReason())
                .isEqualTo(5);
    }

    @Test
    void unansweredCallRingsForTheRingTime() throws Exception {
        asterisk.setBehaviour("9101", CustomerBehaviour.NO_ANSWER);
        long started = System.nanoTime();

        connection.sendAction(callback(CUSTOMER, "cb-1", null));

        events.await(OriginateResponseEvent.class, e -> "cb-1".equals(e.getActionId()));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
    }

    @Test
    void unansweredCallIsCutOffByTheOriginateTimeout() throws Exception {
        startWith(fastConfig().withRingTime(Duration.ofMinutes(1)).withDefaultBehaviour(CustomerBehaviour.NO_ANSWER));
        OriginateAction shortTimeout = callback(CUSTOMER, "cb-1", null);
        shortTimeout.setTimeout(200L);

        connection.sendAction(shortTimeout);

        assertThat(events.await(OriginateResponseEvent.class, e -> "cb-1".equals(e.getActionId())).getReason())
                .isEqualTo(3);
    }

    @Test
    void synchronousOriginateIsAnsweredOnceTheCustomerAnswers() throws Exception {
        OriginateAction sync = callback(CUSTOMER, "cb-1", "uid-cb-1");
        sync.setAsync(false);

        ManagerResponse response = connection.sendAction(sync);

        assertThat(response.getResponse()).isEqualTo("Success");
        events.await(AgentConnectEvent.class, e -> "uid-cb-1".equals(e.getUniqueId()));
        assertThat(events.ofTypes(List.of(OriginateResponseEvent.class))).isEmpty();
    }

    @Test
    void synchronousOriginateToABusyCustomerFails() throws Exception {
        asterisk.setBehaviour("9101", CustomerBehaviour.BUSY);
        OriginateAction sync = callback(CUSTOMER, "cb-1", null);
        sync.setAsync(false);

        ManagerResponse response = connection.sendAction(sync);

        assertThat(response).isInstanceOf(ManagerError.class);
        assertThat(response.getMessage()).isEqualTo("Originate failed");
    }

    @Test
    void originateWithoutATechnologyIsRejected() throws Exception {
        ManagerResponse response = connection.sendAction(callback("9101", "cb-1", null));

        assertThat(response).isInstanceOf(ManagerError.class);
        assertThat(response.getMessage()).isEqualTo("Invalid channel");
        assertThat(asterisk.originates()).isEmpty();
    }

    @Test
    void everyOriginateIsRecordedAsReceived() throws Exception {
        connection.sendAction(callback(CUSTOMER, "cb-1", "uid-cb-1"));

        OriginateRecord record = asterisk.originates().getFirst();
        assertThat(asterisk.originates()).hasSize(1);
        assertThat(record.actionId()).endsWith("#cb-1");
        assertThat(record.clientActionId()).isEqualTo("cb-1");
        assertThat(record.channel()).isEqualTo(CUSTOMER);
        assertThat(record.dialedNumber()).isEqualTo("9101");
        assertThat(record.context()).isEqualTo("callback");
        assertThat(record.exten()).isEqualTo("s");
        assertThat(record.priority()).isEqualTo("1");
        assertThat(record.callerId()).isEqualTo("\"Callback\" <5551234>");
        assertThat(record.channelId()).isEqualTo("uid-cb-1");
        assertThat(record.timeoutMillis()).isEqualTo(20_000L);
        assertThat(record.variables()).containsExactly(entry("CB_QUEUE", "support"));
        assertThat(record.receivedAt()).isNotNull();
    }

    /** The Originate our product sends: async, into context callback, queue support. */
    @Test
    void withOriginateResponsesOffTheActionTimesOutButTheCallIsPlacedAndItsOutcomeReported() throws Exception {
        asterisk.setOriginateResponses(false);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> connection.sendAction(callback(CUSTOMER, "cb-slow", "uid-slow"), 500))
                .isInstanceOf(org.asteriskjava.manager.TimeoutException.class);

        OriginateResponseEvent outcome = events.await(OriginateResponseEvent.class, e -> "cb-slow".equals(e.getActionId()));
        assertThat(outcome.getReason()).isEqualTo(4);
        assertThat(asterisk.originates()).extracting(OriginateRecord::clientActionId).contains("cb-slow");
    }

    private static OriginateAction callback(String channel, String actionId, String channelId) {
        OriginateAction originate = new OriginateAction();
        originate.setChannel(channel);
        originate.setContext("callback");
        originate.setExten("s");
        originate.setPriority(1);
        originate.setAsync(true);
        originate.setTimeout(20_000L);
        originate.setCallerId("\"Callback\" <5551234>");
        originate.setActionId(actionId);
        originate.setChannelId(channelId);
        originate.setVariable("CB_QUEUE", "support");
        return originate;
    }
}
