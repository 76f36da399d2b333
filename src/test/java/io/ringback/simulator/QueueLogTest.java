package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.junit.jupiter.api.Test;

/**
 * The simulated PBX writes its queue_log as app_queue does (apps/app_queue.c: ast_queue_log): ENTERQUEUE
 * with url|caller id number|position, ABANDON with position|original position|wait time, CONNECT and
 * COMPLETECALLER; the call id is the Uniqueid AMI reports. Also while AMI is down.
 */
class QueueLogTest extends SimulatorTestSupport {

    private static final String CHANNEL_ID = "rb-e398b2c5-7016-4494-b0e0-6f4bc4f32f7a-1";

    @Test
    void anAbandonWritesEnterQueueAtItsJoinAndAbandonWithPositionsAndWaitTime() throws Exception {
        Instant before = Instant.now();
        String uniqueId = asterisk.abandon("support", "+5511987654321", "Ana", 42);

        List<QueueLogEntry> rows = asterisk.queueLog().stream().filter(e -> uniqueId.equals(e.callId())).toList();
        assertThat(rows).extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "ABANDON");
        QueueLogEntry enter = rows.get(0);
        assertThat(enter.queueName()).isEqualTo("support");
        assertThat(enter.agent()).isEqualTo("NONE");
        assertThat(enter.data()).containsExactly("", "+5511987654321", "1");
        assertThat(enter.time()).isBetween(before.minusSeconds(43), Instant.now().minusSeconds(41));
        QueueLogEntry abandon = rows.get(1);
        assertThat(abandon.data()).containsExactly("1", "1", "42");
        assertThat(abandon.time()).isBetween(before, Instant.now());
        QueueCallerAbandonEvent event = events.await(QueueCallerAbandonEvent.class, e -> true);
        assertThat(event.getUniqueId()).as("the same call id as over AMI").isEqualTo(uniqueId);
    }

    @Test
    void anAnonymousCallerEntersWithAnEmptyNumber() {
        String uniqueId = asterisk.abandon("support", null, null, 20);

        assertThat(asterisk.queueLog()).filteredOn(e -> uniqueId.equals(e.callId()) && e.event().equals("ENTERQUEUE"))
                .singleElement().satisfies(e -> assertThat(e.data(2)).isEmpty());
    }

    @Test
    void theQueueLogIsWrittenWhileAmiIsDown() {
        asterisk.suspend();
        String uniqueId = asterisk.abandon("support", "5550001", "Bea", 12);

        assertThat(asterisk.queueLog()).filteredOn(e -> uniqueId.equals(e.callId()))
                .extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "ABANDON");
        asterisk.resume();
    }

    @Test
    void aServedInboundCallConnectsAndCompletes() {
        String uniqueId = asterisk.inboundServed("support", "5550002", "Caio");

        await().atMost(Duration.ofSeconds(5)).until(() -> asterisk.queueLog().stream()
                .anyMatch(e -> uniqueId.equals(e.callId()) && e.event().equals("COMPLETECALLER")));
        List<QueueLogEntry> rows = asterisk.queueLog().stream().filter(e -> uniqueId.equals(e.callId())).toList();
        assertThat(rows).extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "CONNECT", "COMPLETECALLER");
        assertThat(rows.get(1).agent()).isEqualTo("Agent One");
        assertThat(rows.get(1).data(1)).as("hold time").isEqualTo("0");
        assertThat(rows.get(1).data(2)).as("the member channel's Uniqueid").isNotBlank();
    }

    @Test
    void aCallbackCustomerWhoLeavesTheQueueIsAnAbandonOfTheCallbackChannel() throws Exception {
        asterisk.setBehaviour("9101", CustomerBehaviour.ANSWER_THEN_LEAVE_QUEUE);
        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));

        events.await(QueueCallerAbandonEvent.class, e -> CHANNEL_ID.equals(e.getUniqueId()));
        assertThat(asterisk.queueLog()).filteredOn(e -> CHANNEL_ID.equals(e.callId()))
                .extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "ABANDON");
        assertThat(asterisk.queueLog()).filteredOn(e -> CHANNEL_ID.equals(e.callId()) && e.event().equals("ENTERQUEUE"))
                .singleElement().satisfies(e -> assertThat(e.data(2)).isEqualTo("5551234"));
    }

    @Test
    void theCallJournalHearsEveryOriginateAndTheEndOfItsCall() throws Exception {
        List<String> journal = new CopyOnWriteArrayList<>();
        asterisk.addCallJournal(new CallJournal() {
            @Override
            public void originated(OriginateRecord originate) {
                journal.add("originated " + originate.channelId());
            }

            @Override
            public void ended(String channelId, Instant at, String how) {
                journal.add("ended " + channelId);
            }
        });
        asterisk.setBehaviour("9101", CustomerBehaviour.ANSWER);
        asterisk.setBehaviour("9102", CustomerBehaviour.BUSY);
        connection.sendAction(CallbackOriginate.to(CallbackOriginate.CUSTOMER, "support", "cb-1", CHANNEL_ID));
        connection.sendAction(CallbackOriginate.to("Local/9102@outbound", "support", "cb-2", "rb-busy-1"));

        events.await(OriginateResponseEvent.class, e -> "cb-2".equals(e.getActionId()));
        await().atMost(Duration.ofSeconds(5)).until(() -> asterisk.callEnd("rb-busy-1").isPresent());
        assertThat(asterisk.isCallLive(CHANNEL_ID)).as("answered, in the queue or talking").isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> !asterisk.isCallLive(CHANNEL_ID));
        assertThat(asterisk.callEnd(CHANNEL_ID)).isPresent();
        assertThat(journal).containsExactlyInAnyOrder("originated " + CHANNEL_ID, "originated rb-busy-1",
                "ended rb-busy-1", "ended " + CHANNEL_ID);
        assertThat(asterisk.queueLog()).filteredOn(e -> CHANNEL_ID.equals(e.callId()))
                .extracting(QueueLogEntry::event).containsExactly("ENTERQUEUE", "CONNECT", "COMPLETECALLER");
    }
}
