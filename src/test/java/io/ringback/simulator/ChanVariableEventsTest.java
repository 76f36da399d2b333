package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * manager.conf {@code channelvars}: asterisk-java 3.42.2 collects the {@code ChanVariable} lines of an
 * event's channel block into {@link org.asteriskjava.manager.event.ManagerEvent#getChannelVariables()}.
 */
class ChanVariableEventsTest extends SimulatorTestSupport {

    private static final String CALLBACK_ID = "e398b2c5-7016-4494-b0e0-6f4bc4f32f7a";
    private static final String CHANNEL_ID = "rb-" + CALLBACK_ID + "-1";

    @BeforeEach
    void reportCallbackVariables() throws Exception {
        startWith(fastConfig().withChannelVariables("CB_CALLBACK_ID", "CB_ATTEMPT"));
    }

    @Test
    void callbackChannelEventsCarryTheOriginateVariables() throws Exception {
        connection.sendAction(callbackWithVariables());

        QueueCallerJoinEvent join = events.await(QueueCallerJoinEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(join.getChannelVariables())
                .containsOnly(entry("CB_CALLBACK_ID", CALLBACK_ID), entry("CB_ATTEMPT", "1"));
        assertThat(events.await(AgentConnectEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()))
                .getChannelVariables()).containsEntry("CB_CALLBACK_ID", CALLBACK_ID);
        assertThat(events.await(AgentCompleteEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()))
                .getChannelVariables()).containsEntry("CB_CALLBACK_ID", CALLBACK_ID);
        assertThat(events.await(HangupEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()))
                .getChannelVariables()).containsEntry("CB_CALLBACK_ID", CALLBACK_ID);
    }

    @Test
    void customersHalfOfTheLocalChannelCarriesThemToo() throws Exception {
        connection.sendAction(callbackWithVariables());

        HangupEvent customer = events.await(HangupEvent.class, e -> (CHANNEL_ID + ";2").equals(e.getUniqueId()));

        assertThat(customer.getChannelVariables()).containsEntry("CB_ATTEMPT", "1");
    }

    @Test
    void channelWithoutTheVariableReportsItEmpty() {
        String uniqueId = asterisk.abandon("support", "5550001", "Alice", 8);

        QueueCallerAbandonEvent abandon = events.await(QueueCallerAbandonEvent.class,
                e -> uniqueId.equals(e.getUniqueId()));

        assertThat(abandon.getChannelVariables()).containsOnly(entry("CB_CALLBACK_ID", ""), entry("CB_ATTEMPT", ""));
    }

    /**
     * Asterisk writes them as {@code ChanVariable(<channel>): name=value} there (see RawCallbackEventsTest),
     * a header asterisk-java maps to no property.
     */
    @Test
    void asteriskJavaDoesNotMapTheChannelNamedVariablesOfAnOriginateResponse() throws Exception {
        connection.sendAction(callbackWithVariables());

        OriginateResponseEvent response = events.await(OriginateResponseEvent.class,
                e -> "cb-1".equals(e.getActionId()));

        assertThat(response.getChannelVariables()).isEmpty();
    }

    @Test
    void noVariablesAreReportedByDefault() throws Exception {
        startWith(fastConfig());

        connection.sendAction(callbackWithVariables());

        assertThat(events.await(QueueCallerJoinEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()))
                .getChannelVariables()).isEmpty();
    }

    @Test
    void inheritableVariableIsReportedUnderItsNameWithoutTheUnderscores() throws Exception {
        startWith(fastConfig().withChannelVariables("CB_TRACE"));
        OriginateAction originate = callbackWithVariables();
        originate.setVariable("__CB_TRACE", "trace-7");

        connection.sendAction(originate);

        assertThat(events.await(QueueCallerJoinEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()))
                .getChannelVariables()).containsOnly(entry("CB_TRACE", "trace-7"));
    }

    /** The variables of callback-leaves-queue.txt. */
    private static OriginateAction callbackWithVariables() {
        OriginateAction originate = CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID);
        originate.setVariable("CB_MESSAGE", "hello-world");
        originate.setVariable("CB_CALLBACK_ID", CALLBACK_ID);
        originate.setVariable("CB_ATTEMPT", "1");
        return originate;
    }
}
