package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.ringback.callback.Callback;
import io.ringback.callback.CallbackStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Bad input from AMI or from the decisions gets a clear error and loses nothing already accepted. */
class BadInputTest extends RingbackIntegrationTest {

    @Autowired ZeebeTestEngine engine;

    @Test
    void anAnonymousCallerIsNotTakenAsACallback() {
        String queue = queueWithAgent("it-fast-anonymous");

        asterisk.abandon(queue, "<unknown>", "Anonymous", 40);
        String number = newNumber();
        asterisk.abandon(queue, number, "Known", 40); // the next abandon is still handled

        awaitCallback(queue, number);
        assertThat(callbacks.search(null, queue, null, 10, 0)).extracting(Callback::phoneNumber).containsExactly(number);
    }

    @Test
    void unusableQueueSettingsStopTheCallbackWithAnIncidentNamingTheProblem() {
        String queue = queueWithAgent("it-broken");
        String number = newNumber();

        asterisk.abandon(queue, number, "Zoe", 40);

        Callback callback = awaitCallback(queue, number);
        var incident = await().atMost(Duration.ofSeconds(20)).until(() -> incidentOf(callback), Optional::isPresent).get();
        assertThat(incident.getElementId()).isEqualTo("Task_RegisterCallback");
        assertThat(incident.getErrorMessage()).contains("Queue settings for queue '" + queue + "' cannot be used",
                "timeZone 'Mars/Olympus' is not a time zone");
        Callback kept = callbacks.find(callback.id()).orElseThrow();
        assertThat(kept.status()).as("kept, waiting for the decision to be fixed and the incident retried")
                .isEqualTo(CallbackStatus.RECEIVED);
        assertThat(kept.processInstanceKey()).as("linked, so the start is not published again").isNotNull();
    }

    private Optional<IncidentRecordValue> incidentOf(Callback callback) {
        var records = RecordStream.of(engine.getRecordStreamSource());
        Optional<Long> instance = StreamSupport.stream(records.variableRecords().spliterator(), false)
                .map(Record::getValue)
                .filter(v -> v.getName().equals("callbackId") && v.getValue().equals("\"" + callback.id() + "\""))
                .map(v -> v.getProcessInstanceKey()).findFirst();
        return instance.flatMap(key -> StreamSupport.stream(records.incidentRecords().spliterator(), false)
                .filter(r -> r.getIntent() == IncidentIntent.CREATED)
                .map(Record::getValue)
                .filter(v -> v.getProcessInstanceKey() == key)
                .findFirst());
    }
}
