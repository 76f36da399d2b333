package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringback.process.MessageOutbox;
import io.ringback.process.OutboundMessage;
import io.ringback.process.ProcessMessages;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A message that must reach the engine is kept in PostgreSQL until the engine has it: an engine that
 * cannot be reached for a while, or an application that stops right after recording a fact, loses
 * nothing.
 */
class MessageOutboxTest extends RingbackIntegrationTest {

    @Autowired ObjectMapper json;

    private boolean published(String messageId) {
        return StreamSupport.stream(RecordStream.of(engine.getRecordStreamSource()).messageRecords().spliterator(), false)
                .filter(r -> r.getIntent() == MessageIntent.PUBLISHED).map(Record::getValue)
                .anyMatch(m -> m.getMessageId().equals(messageId));
    }

    private Map<String, Object> row(String messageId) {
        return jdbc.sql("select attempts, published_at, last_error from process_message where message_id = ?")
                .param(messageId).query().singleRow();
    }

    @Test
    void aMessageTheEngineDidNotTakeIsKeptAndPublishedAgain() {
        String messageId = "outbox-test-" + UUID.randomUUID();
        try (CamundaClient unreachable = CamundaClient.newClientBuilder().grpcAddress(URI.create("http://127.0.0.1:1"))
                .restAddress(URI.create("http://127.0.0.1:1")).preferRestOverGrpc(false)
                .defaultRequestTimeout(Duration.ofSeconds(1)).build()) {
            var hiccup = new MessageOutbox(jdbc, new ProcessMessages(unreachable), json, Clock.systemUTC(),
                    new SimpleMeterRegistry());

            hiccup.enqueue(new OutboundMessage("callback-call-outcome", "rb-test-1", messageId, Duration.ofMinutes(10),
                    Map.of("outcome", "BUSY")));

            await().atMost(Duration.ofSeconds(10)).until(() -> row(messageId).get("last_error") != null);
            assertThat(row(messageId)).containsEntry("attempts", 1).containsEntry("published_at", null);
            hiccup.destroy();
        }

        // the application's own outbox, with the engine reachable, publishes it once its backoff is over
        await().atMost(Duration.ofSeconds(20)).until(() -> published(messageId));
        await().atMost(Duration.ofSeconds(5)).until(() -> row(messageId).get("published_at") != null);
    }

    @Test
    void aMessageRecordedJustBeforeTheApplicationStoppedIsPublishedAfterIt() {
        String messageId = "outbox-crash-" + UUID.randomUUID();
        // committed with its fact; the application died before publishing it
        jdbc.sql("""
                insert into process_message (name, correlation_key, message_id, variables, time_to_live_ms)
                values ('callback-call-left', 'rb-test-2', ?, '{}', 600000)""").param(messageId).update();

        await().atMost(Duration.ofSeconds(10)).until(() -> published(messageId));
    }

    @Test
    void theSameFactRecordedTwiceIsOneMessage() {
        String messageId = "outbox-twice-" + UUID.randomUUID();
        var message = new OutboundMessage("callback-call-left", "rb-test-3", messageId, Duration.ofMinutes(10), Map.of());

        outbox.enqueue(message);
        outbox.enqueue(message);

        await().atMost(Duration.ofSeconds(10)).until(() -> published(messageId));
        assertThat(jdbc.sql("select count(*) from process_message where message_id = ?").param(messageId)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Autowired MessageOutbox outbox;
}
