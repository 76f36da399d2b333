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
    void anUnusableDialPolicyStopsTheCallbackWithAnIncidentNamingTheProblem() {
        String queue = queueWithAgent("it-broken");
        String number = newNumber();

        asterisk.abandon(queue, number, "Zoe", 40);

        Callback callback = awaitCallback(queue, number);
        var incident = await().atMost(Duration.ofSeconds(20)).until(() -> incidentOf(callback.id()), Optional::isPresent).get();
        assertThat(incident.getElementId()).isEqualTo("Task_AcceptCallback");
        assertThat(incident.getErrorMessage()).contains("Settings for queue '" + queue + "' cannot be used",
                "timeZone 'Mars/Olympus' is not a time zone").as("one line, no stack trace").doesNotContain("\tat ");
        Callback kept = callbacks.find(callback.id()).orElseThrow();
        assertThat(kept.status()).as("kept, waiting for the decision to be fixed and the incident retried")
                .isEqualTo(CallbackStatus.RECEIVED);
        assertThat(kept.processInstanceKey()).as("linked, so the start is not published again").isNotNull();
    }

    @Autowired io.ringback.telephony.AmiEventTranslator translator;
    @Autowired io.micrometer.core.instrument.MeterRegistry meters;

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
            "a non-numeric HoldTime, , holdtime",
            "no CallerIDNum, 40, calleridnum"})
    void anAbandonWithAFieldThatCannotBeTrustedIsRejectedLoudlyAndTheNextOneIsStillTaken(String what, Integer hold,
                                                                                         String field) {
        String queue = queueWithAgent("it-fast-malformed");
        asterisk.setMemberPaused(queue, "Local/" + queue + "-agent@agents", true, "meeting");
        String number = newNumber();
        double rejectedBefore = rejected(field);
        var malformed = new org.asteriskjava.manager.event.QueueCallerAbandonEvent(this);
        malformed.setQueue(queue);
        malformed.setUniqueId("1796150100." + field);
        malformed.setCallerIdNum(field.equals("calleridnum") ? null : newNumber());
        malformed.setHoldTime(hold); // asterisk-java leaves it null when the header is not a number

        translator.handle(malformed);
        asterisk.abandon(queue, number, "Next", 40);

        awaitCallback(queue, number);
        assertThat(callbacks.search(null, queue, null, 10, 0)).as("the malformed abandon is not a callback").hasSize(1);
        assertThat(rejected(field) - rejectedBefore).isEqualTo(1);
    }

    private double rejected(String field) {
        var counter = meters.find("ringback.ami.events.rejected").tags("event", "QueueCallerAbandon", "field", field).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aQueueWithNoAttemptAllowedIsNeverDialed() {
        String queue = queueWithAgent("it-zero");
        String number = newNumber();

        asterisk.abandon(queue, number, "Zed", 40);

        Callback callback = awaitCallback(queue, number);
        var incident = await().atMost(Duration.ofSeconds(20)).until(() -> incidentOf(callback.id()), Optional::isPresent).get();
        assertThat(incident.getErrorMessage()).contains("maxAttempts");
        assertThat(dialsTo(number)).isEmpty();
    }
}
