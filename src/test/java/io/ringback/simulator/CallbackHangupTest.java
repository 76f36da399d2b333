package io.ringback.simulator;

import static io.ringback.simulator.CallbackLeavesQueueTest.channelOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.HangupRequestEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every originated Local channel ends with the Hangup events of the captures. */
class CallbackHangupTest extends SimulatorTestSupport {

    private static final String CHANNEL_ID = "rb-cb-1";
    private static final List<Class<? extends ManagerEvent>> CALL_EVENTS = List.of(OriginateResponseEvent.class,
            QueueCallerJoinEvent.class, HangupRequestEvent.class, HangupEvent.class, AgentCompleteEvent.class,
            QueueCallerAbandonEvent.class, QueueCallerLeaveEvent.class, QueueMemberStatusEvent.class);

    @Test
    void customerWhoHangsUpDuringTheMessageNeverJoinsTheQueue() throws Exception {
        asterisk.setBehaviour("9101", CustomerBehaviour.ANSWER_THEN_HANG_UP);

        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        assertThat(events.await(OriginateResponseEvent.class, e -> "cb-1".equals(e.getActionId())).getReason())
                .isEqualTo(4);
        HangupEvent channel = events.await(HangupEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(channel.getCause()).isEqualTo(16);
        assertThat(channel.getCauseTxt()).isEqualTo("Normal Clearing");
        assertThat(channel.getContext()).isEqualTo("callback");
        assertThat(channel.getPriority()).isEqualTo(3);
        HangupEvent customer = events.await(HangupEvent.class, e -> (CHANNEL_ID + ";2").equals(e.getUniqueId()));
        assertThat(customer.getCause()).isEqualTo(16);
        assertThat(customer.getCauseTxt()).isEqualTo("Normal Clearing");
        events.assertNoneWithin(Duration.ofMillis(200), QueueCallerJoinEvent.class, e -> true);
    }

    @Test
    void hangupDuringTheMessageFollowsTheOrderOfACustomerHangup() throws Exception {
        asterisk.setBehaviour("9101", CustomerBehaviour.ANSWER_THEN_HANG_UP);

        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        events.await(HangupEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(events.ofTypes(CALL_EVENTS)).extracting(CallbackHangupTest::describe).containsExactly(
                "OriginateResponseEvent Local/9101@outbound;1",
                "HangupRequestEvent Local/9101@outbound;1 16",
                "HangupEvent Local/9101@outbound;2 16",
                "HangupEvent Local/9101@outbound;1 16");
    }

    @Test
    void completedCallbackEndsWithTheHangupOfItsChannelAfterAgentComplete() throws Exception {
        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        AgentCompleteEvent complete = events.await(AgentCompleteEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        HangupEvent hangup = events.await(HangupEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(hangup.getCause()).isEqualTo(16);
        assertThat(hangup.getCauseTxt()).isEqualTo("Normal Clearing");
        assertThat(hangup.getCallerIdNum()).isEqualTo("5551234");
        assertThat(hangup.getPriority()).isEqualTo(4);
        assertThat(events.ofTypes(List.of(AgentCompleteEvent.class, HangupEvent.class)))
                .filteredOn(e -> e == complete || e == hangup).containsExactly(complete, hangup);
    }

    @Test
    void completedCallbackHangsUpAsInTheCapture() throws Exception {
        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        events.await(QueueMemberStatusEvent.class, e -> e.getCallsTaken() == 1);
        assertThat(events.ofTypes(CALL_EVENTS)).filteredOn(e -> !(e instanceof QueueMemberStatusEvent)
                        || ((QueueMemberStatusEvent) e).getCallsTaken() == 1)
                .extracting(CallbackHangupTest::describe).containsExactly(
                        "OriginateResponseEvent Local/9101@outbound;1",
                        "QueueCallerJoinEvent Local/9101@outbound;1",
                        "QueueCallerLeaveEvent Local/9101@outbound;1",
                        "HangupRequestEvent Local/9101@outbound;1 16",
                        "HangupEvent Local/9101@outbound;2 16",
                        "AgentCompleteEvent ",
                        "HangupEvent Local/9101@outbound;1 16",
                        "HangupRequestEvent Local/agent1@agents;2 16",
                        "HangupEvent Local/agent1@agents;1 16",
                        "HangupEvent Local/agent1@agents;2 16",
                        "QueueMemberStatusEvent ");
    }

    @ParameterizedTest(name = "{0}: the customer''s half goes with cause {1}, the callback channel with {2}")
    @CsvSource({
            "BUSY, 17, 0",
            "NO_ANSWER, 19, 19",
            "CONGESTION, 34, 0",
            "REJECT, 21, 21",
            "UNKNOWN_NUMBER, 0, 0"})
    void unansweredCallbackHangsUpBothHalvesWithTheCausesOfTheCapture(CustomerBehaviour behaviour,
            int customerCause, int channelCause) throws Exception {
        asterisk.setBehaviour("9101", behaviour);

        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        HangupEvent channel = events.await(HangupEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(channel.getCause()).isEqualTo(channelCause);
        assertThat(channel.getContext()).isEqualTo("outbound");
        assertThat(channel.getExten()).isEqualTo("9101");
        HangupEvent customer = events.await(HangupEvent.class, e -> (CHANNEL_ID + ";2").equals(e.getUniqueId()));
        assertThat(customer.getCause()).isEqualTo(customerCause);
        assertThat(customer.getContext()).isEqualTo("customers");
        assertThat(customer.getExten()).isEqualTo("101");
        events.await(OriginateResponseEvent.class, e -> "cb-1".equals(e.getActionId()));
    }

    @Test
    void customerWhoNeverRespondsLeavesNoHangup() throws Exception {
        asterisk.setBehaviour("9101", CustomerBehaviour.NO_RESPONSE);

        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        events.assertNoneWithin(Duration.ofMillis(300), HangupEvent.class, e -> true);
    }

    @Test
    void abandoningInboundCallerHangsUpAsInAbandonTxt() {
        String uniqueId = asterisk.abandon("support", "5550001", "Alice", 8);

        events.await(HangupEvent.class, e -> uniqueId.equals(e.getUniqueId()));
        assertThat(events.ofTypes(CALL_EVENTS)).extracting(CallbackHangupTest::describe).containsExactly(
                "QueueCallerJoinEvent Local/support@callers;2",
                "QueueMemberStatusEvent ",
                "HangupRequestEvent Local/support@callers;2 0",
                "HangupEvent Local/support@callers;1 0",
                "HangupRequestEvent Local/agent1@agents;2 0",
                "HangupEvent Local/agent1@agents;1 0",
                "QueueCallerAbandonEvent Local/support@callers;2",
                "QueueCallerLeaveEvent Local/support@callers;2",
                "HangupEvent Local/agent1@agents;2 0",
                "QueueMemberStatusEvent ",
                "HangupEvent Local/support@callers;2 0");
    }

    @Test
    void servedInboundCallReportsNoHangupAsNoCaptureShowsOne() {
        String uniqueId = asterisk.inboundServed("support", "5550002", "Bob");

        events.await(AgentCompleteEvent.class, e -> uniqueId.equals(e.getUniqueId()));
        events.assertNoneWithin(Duration.ofMillis(200), HangupEvent.class, e -> true);
    }

    @Test
    void answeredCallbackJoinsTheQueueAfterTheCallbackMessage() throws Exception {
        startWith(fastConfig().withMessageDuration(Duration.ofMillis(600)));

        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        OriginateResponseEvent answered = events.await(OriginateResponseEvent.class, e -> true);
        QueueCallerJoinEvent join = events.await(QueueCallerJoinEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(join.getDateReceived().getTime() - answered.getDateReceived().getTime())
                .isGreaterThanOrEqualTo(550);
    }

    @Test
    void leavingCustomerAlsoHearsTheMessageBeforeJoining() throws Exception {
        startWith(fastConfig().withMessageDuration(Duration.ofMillis(600)));
        asterisk.setBehaviour("9101", CustomerBehaviour.ANSWER_THEN_LEAVE_QUEUE);

        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        OriginateResponseEvent answered = events.await(OriginateResponseEvent.class, e -> true);
        QueueCallerJoinEvent join = events.await(QueueCallerJoinEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(join.getDateReceived().getTime() - answered.getDateReceived().getTime())
                .isGreaterThanOrEqualTo(550);
    }

    @Test
    void defaultCallbackMessageLastsOneSecondAsInTheCapture() {
        assertThat(SimulatorConfig.defaults().messageDuration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(SimulatorConfig.defaults().leaveQueueAfter()).isEqualTo(Duration.ofSeconds(9));
    }

    private static String describe(ManagerEvent event) {
        String cause = switch (event) {
            case HangupEvent hangup -> " " + hangup.getCause();
            case HangupRequestEvent request -> " " + request.getCause();
            default -> "";
        };
        return event.getClass().getSimpleName() + " " + channelOf(event) + cause;
    }
}
