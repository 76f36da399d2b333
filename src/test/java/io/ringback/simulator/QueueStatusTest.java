package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.event.QueueStatusCompleteEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.Test;

class QueueStatusTest extends SimulatorTestSupport {

    private static final String AGENT_ONE = "Local/agent1@agents";
    private static final String AGENT_TWO = "Local/agent2@agents";

    @Test
    void queueStatusListsEveryQueueWithItsMembers() throws Exception {
        ResponseEvents status = connection.sendEventGeneratingAction(new QueueStatusAction());

        assertThat(status.getResponse().getResponse()).isEqualTo("Success");
        assertThat(ofType(status, QueueParamsEvent.class))
                .extracting(QueueParamsEvent::getQueue, QueueParamsEvent::getStrategy, QueueParamsEvent::getCalls)
                .containsExactly(
                        tuple("support", "rrmemory", 0),
                        tuple("sales", "rrmemory", 0),
                        tuple("billing", "rrmemory", 0));
        QueueMemberEvent agentOne = members(status).getFirst();
        assertThat(agentOne.getQueue()).isEqualTo("support");
        assertThat(agentOne.getName()).isEqualTo("Agent One");
        assertThat(agentOne.getLocation()).isEqualTo(AGENT_ONE);
        assertThat(agentOne.getMembership()).isEqualTo("static");
        assertThat(agentOne.getStatus()).isEqualTo(1);
        assertThat(agentOne.getPaused()).isFalse();
        assertThat(agentOne.getLastCall()).isZero();
        assertThat(members(status)).extracting(QueueMemberEvent::getLocation)
                .containsExactly(AGENT_ONE, AGENT_TWO, "Local/agent3@agents", "Local/agent4@agents");
        assertThat(ofType(status, QueueStatusCompleteEvent.class)).singleElement()
                .satisfies(complete -> assertThat(complete.getListItems()).isEqualTo(7));
    }

    @Test
    void queueStatusIsFilteredByTheQueueHeader() throws Exception {
        QueueStatusAction sales = new QueueStatusAction();
        sales.setQueue("sales");

        ResponseEvents status = connection.sendEventGeneratingAction(sales);

        assertThat(ofType(status, QueueParamsEvent.class)).extracting(QueueParamsEvent::getQueue).containsExactly("sales");
        assertThat(members(status)).extracting(QueueMemberEvent::getName).containsExactly("Agent Three");
    }

    @Test
    void pausedMemberIsReportedWithItsReason() throws Exception {
        asterisk.setMemberPaused("support", AGENT_TWO, true, "lunch");

        QueueMemberPauseEvent pause = events.await(QueueMemberPauseEvent.class, e -> AGENT_TWO.equals(e.getInterface()));
        assertThat(pause.getQueue()).isEqualTo("support");
        assertThat(pause.getPaused()).isTrue();
        assertThat(pause.getPausedreason()).isEqualTo("lunch");
        assertThat(pause.getLastpause()).isPositive();
        QueueMemberEvent agentTwo = members(connection.sendEventGeneratingAction(new QueueStatusAction())).get(1);
        assertThat(agentTwo.getPaused()).isTrue();
        assertThat(agentTwo.getPausedreason()).isEqualTo("lunch");
    }

    @Test
    void queuePauseActionPausesTheMemberLikeStatusTxt() throws Exception {
        QueuePauseAction pause = new QueuePauseAction(AGENT_ONE, "support", true);
        pause.setReason("training");

        ManagerResponse response = connection.sendAction(pause);

        assertThat(response.getMessage()).isEqualTo("Interface paused successfully");
        QueueMemberPauseEvent event = events.await(QueueMemberPauseEvent.class, e -> AGENT_ONE.equals(e.getInterface()));
        assertThat(event.getPausedreason()).isEqualTo("training");
    }

    @Test
    void queuePauseOfAnUnknownInterfaceIsAnError() throws Exception {
        ManagerResponse response = connection.sendAction(new QueuePauseAction("Local/nobody@agents", true));

        assertThat(response.getResponse()).isEqualTo("Error");
        assertThat(response.getMessage()).isEqualTo("Interface not found");
    }

    @Test
    void loggedOutMemberIsReportedUnavailable() {
        asterisk.setMemberAvailable("support", AGENT_ONE, false);

        QueueMemberStatusEvent status = events.await(QueueMemberStatusEvent.class, e -> AGENT_ONE.equals(e.getInterface()));
        assertThat(status.getStatus()).isEqualTo(5);
    }

    @Test
    void addedMemberAppearsInQueueStatusAsDynamic() throws Exception {
        asterisk.addMember("sales", "Local/agent4@agents", "Agent Four");

        QueueMemberAddedEvent added = events.await(QueueMemberAddedEvent.class, e -> true);
        assertThat(added.getInterface()).isEqualTo("Local/agent4@agents");
        assertThat(added.getMemberName()).isEqualTo("Agent Four");
        assertThat(added.getStatus()).isEqualTo(1);
        QueueStatusAction sales = new QueueStatusAction();
        sales.setQueue("sales");
        assertThat(members(connection.sendEventGeneratingAction(sales)))
                .extracting(QueueMemberEvent::getName, QueueMemberEvent::getMembership)
                .containsExactly(
                        tuple("Agent Three", "static"),
                        tuple("Agent Four", "dynamic"));
    }

    private static List<QueueMemberEvent> members(ResponseEvents status) {
        return ofType(status, QueueMemberEvent.class);
    }

    private static <T extends ResponseEvent> List<T> ofType(ResponseEvents status, Class<T> type) {
        return status.getEvents().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
