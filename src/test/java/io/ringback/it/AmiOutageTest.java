package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.ringback.callback.Attempt;
import io.ringback.callback.AttemptOutcome;
import io.ringback.callback.CallbackStatus;
import io.ringback.simulator.CustomerBehaviour;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * An AMI outage of any length leaves nothing stuck: due callbacks wait for the PBX in the model
 * (releasing their agent claims), no job runs out of retries, no attempt is used up, and all of them
 * are dialed once the link is back. The engine's clock is moved ten minutes ahead, so this test has
 * a context of its own, thrown away afterwards.
 */
@TestPropertySource(properties = "ringback.test.context=ami-outage")
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SuppressWarnings({"unchecked", "rawtypes"})
class AmiOutageTest extends RingbackIntegrationTest {

    @Autowired TestRestTemplate rest;

    @Test
    void tenMinutesWithoutThePbxLeaveTwentyDueCallbacksWaitingAndAllAreDialedAfterTheReconnect(CapturedOutput log)
            throws InterruptedException {
        String queue = "it-long-outage-" + UUID.randomUUID().toString().substring(0, 8);
        for (int agent = 1; agent <= 5; agent++) {
            asterisk.addMember(queue, "Local/" + queue + "-" + agent + "@agents", "Outage Agent " + agent);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> agents.available(queue).size() == 5);

        asterisk.suspend();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ami.isConnected());
        List<UUID> due = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String number = newNumber();
            numbers.add(number);
            asterisk.setBehaviour(digits(number), CustomerBehaviour.BUSY);
            var response = rest.withBasicAuth("pbx", "demo").postForEntity("/api/abandoned-calls", Map.of("queue", queue,
                    "callerNumber", number, "holdTimeSeconds", 40, "abandonedAt", Instant.now().toString()), Map.class);
            due.add(UUID.fromString((String) response.getBody().get("callbackId")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> due.stream()
                .allMatch(id -> "PBX".equals(callbacks.find(id).orElseThrow().waitingFor())));

        Thread.sleep(3_000); // asterisk-java tries to reconnect many times a second meanwhile
        for (int minute = 0; minute < 10; minute++) { // ten minutes of outage, the model rechecking every minute
            engine.increaseTime(Duration.ofMinutes(1));
            await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(20)).until(() -> due.stream()
                    .allMatch(id -> "PBX".equals(callbacks.find(id).orElseThrow().waitingFor())));
        }
        assertThat(incidents()).as("no incident from the outage").isZero();
        assertThat(due).allSatisfy(id -> assertThat(attemptsOf(id)).as("no attempt used up").isEmpty());
        assertThat(numbers).allSatisfy(number -> assertThat(dialsTo(number)).isEmpty());

        asterisk.resume();

        await().atMost(Duration.ofSeconds(60)).until(() -> due.stream().allMatch(id -> attemptsOf(id).stream()
                .anyMatch(a -> a.outcome() == AttemptOutcome.BUSY)));
        for (UUID id : due) {
            Attempt first = attemptsOf(id).getFirst();
            assertThat(first.attempt()).isEqualTo(1);
            assertThat(callbacks.find(id).orElseThrow().status()).isEqualTo(CallbackStatus.PENDING);
        }
        assertThat(numbers).allSatisfy(number -> assertThat(dialsTo(number)).isNotEmpty());
        assertThat(incidents()).isZero();

        List<String> lines = log.getAll().lines().toList();
        assertThat(lines).filteredOn(l -> l.contains("AMI link to") && l.contains("lost")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.contains("AMI link to") && l.contains("is back after")).hasSize(1);
        assertThat(lines).as("no flood from asterisk-java's reconnect loop")
                .filteredOn(l -> l.contains("o.asteriskjava") || l.contains("o.a.manager") || l.contains("org.asteriskjava"))
                .filteredOn(l -> l.contains(" WARN ") || l.contains(" ERROR ")).isEmpty();
    }

    @Autowired io.ringback.agent.AgentRegistry agents;

    private long incidents() {
        return StreamSupport.stream(RecordStream.of(engine.getRecordStreamSource()).incidentRecords().spliterator(), false)
                .filter(r -> r.getIntent() == IncidentIntent.CREATED).count();
    }
}
