package io.ringback.telephony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringback.telephony.PbxEvents.CallerAbandoned;
import io.ringback.telephony.PbxEvents.PbxEvent;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.junit.jupiter.api.Test;

/**
 * asterisk-java delivers events on the thread that reads the socket, and Asterisk drops a manager
 * session whose writes stall: handing an event over never blocks that thread, even when the handler
 * is stuck, and no abandon is lost; what gives way are member state events, which the QueueStatus
 * read after the backlog drains replaces.
 */
class AmiReaderNeverBlocksTest {

    @Test
    void withTheHandlerStuckTheReaderHandsOverThousandsOfEventsAtOnceAndNoAbandonIsLost() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort(); // nobody listens: the connection stays down, events are fed by hand
        }
        var properties = new AmiProperties("127.0.0.1", port, "ringback", "ringback", Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofSeconds(1), 10, "pbx-test");
        CountDownLatch stuck = new CountDownLatch(1);
        List<PbxEvent> handled = new CopyOnWriteArrayList<>();
        var translator = new AmiEventTranslator(event -> {
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handled.add((PbxEvent) event);
        }, properties, new AmiRejections(new SimpleMeterRegistry(), Clock.systemUTC()), Clock.systemUTC());
        var connection = new AmiConnection(properties, translator, Clock.systemUTC());
        connection.start();
        try {
            long started = System.nanoTime();
            for (int i = 0; i < 5_000; i++) {
                connection.onManagerEvent(i % 10 == 0 ? abandon(i) : memberStatus(i));
            }
            Duration handOver = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("handed over 5000 AMI events with the handler stuck in %d ms%n", handOver.toMillis());

            assertThat(handOver).as("the reader thread never waited for the handler").isLessThan(Duration.ofSeconds(2));
            assertThat(connection.droppedMemberEvents()).isGreaterThan(4_000);
            stuck.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.stream()
                    .filter(CallerAbandoned.class::isInstance).count() == 500);
        } finally {
            stuck.countDown();
            connection.stop();
        }
    }

    private static QueueCallerAbandonEvent abandon(int i) {
        QueueCallerAbandonEvent event = new QueueCallerAbandonEvent("test");
        event.setQueue("support");
        event.setUniqueId("1796150000." + i);
        event.setCallerIdNum("+55119000" + String.format("%05d", i));
        event.setHoldTime(30);
        return event;
    }

    private static QueueMemberStatusEvent memberStatus(int i) {
        QueueMemberStatusEvent event = new QueueMemberStatusEvent("test");
        event.setQueue("support");
        event.setInterface("Local/agent" + (i % 7) + "@agents");
        event.setStatus(1);
        return event;
    }
}
