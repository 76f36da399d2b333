package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.ringback.callback.Callback;
import io.ringback.timecondition.TimeConditionCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The wake-up time of a closed time condition comes from the rules the engine evaluates, that is
 * the deployed decision (here {@code models/time-condition-it.dmn}, deployed after the application
 * started, as an analyst deploys from Modeler), not from the copy packaged in the application.
 */
class DeployedTimeConditionTest extends RingbackIntegrationTest {

    @Autowired TimeConditionCalendar calendar;

    @Test
    void theNextOpeningOfATimeConditionOnlyTheDeployedDecisionKnowsIsFound() {
        Instant noon = Instant.parse("2026-12-02T12:00:00Z");

        Optional<Instant> next = calendar.nextOpening("it-night-shift", ZoneOffset.UTC, noon, noon.plus(Duration.ofDays(2)));

        assertThat(next).contains(Instant.parse("2026-12-02T22:00:00Z"));
    }

    @Test
    void aCallbackInAClosedTimeConditionWaitsForItsOpening() {
        // whatever the hour the test runs at, one of the two shifts (22:00 and 10:00 UTC, an hour each) is closed
        boolean nightShiftOpen = Instant.now().atZone(ZoneOffset.UTC).getHour() == 22;
        String queue = queueWithAgent(nightShiftOpen ? "it-day-waits" : "it-night-waits");
        String opensAt = nightShiftOpen ? "T10:00:00Z" : "T22:00:00Z";
        String number = newNumber();

        asterisk.abandon(queue, number, "Nina", 30);

        Callback callback = awaitCallback(queue, number);
        long call = await().atMost(Duration.ofSeconds(20)).until(() -> callInstanceOf(callback.id()), Optional::isPresent).get();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(variableOf(call, "nextOpeningAt"))
                .isPresent().get().asString().matches("\"\\d{4}-\\d{2}-\\d{2}" + opensAt + "\""));
        assertThat(dialsTo(number)).isEmpty();
    }

    @Test
    void aTimeConditionNoRowDefinesIsAnIncidentNamingIt() {
        String queue = queueWithAgent("it-typo");
        String number = newNumber();

        asterisk.abandon(queue, number, "Tom", 30);

        Callback callback = awaitCallback(queue, number);
        var incident = await().atMost(Duration.ofSeconds(20)).until(() -> incidentOf(callback.id()), Optional::isPresent).get();
        assertThat(incident.getElementId()).isEqualTo("Task_FindNextOpening");
        assertThat(incident.getErrorMessage()).contains("no-such-condition", "callback-time-condition");
        assertThat(dialsTo(number)).isEmpty();
    }
}
