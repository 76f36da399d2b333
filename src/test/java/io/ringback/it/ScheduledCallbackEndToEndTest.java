package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringback.callback.Attempt;
import io.ringback.callback.AttemptOutcome;
import io.ringback.callback.Callback;
import io.ringback.callback.CallbackStatus;
import io.ringback.simulator.CustomerBehaviour;
import io.ringback.simulator.OriginateRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;

/**
 * A scheduled callback through the running application to the simulated Asterisk: scheduled through
 * the API, waiting for its window, called when it opens (the customer is busy once, retried inside the
 * window) and connected to an agent. The application's clock runs 31 minutes behind the engine's, so
 * that a window a minute away in real time is "at least 30 minutes from now" by the application's rule
 * (the rule takes its clock from the injected {@link Clock}); a context of its own.
 */
@Import(ScheduledCallbackEndToEndTest.ThirtyOneMinutesBehind.class)
class ScheduledCallbackEndToEndTest extends RingbackIntegrationTest {

    static final Duration BEHIND = Duration.ofMinutes(31);

    @TestConfiguration
    static class ThirtyOneMinutesBehind {
        @Bean
        @Primary
        Clock behindClock() {
            return Clock.offset(Clock.systemUTC(), BEHIND.negated());
        }
    }

    @Autowired TestRestTemplate rest;

    @Test
    void aScheduledCallbackIsCalledWhenItsWindowOpensRetriedInsideItAndConnected() throws InterruptedException {
        String queue = queueWithAgent("it-fast-scheduled");
        String number = newNumber();
        asterisk.setBehaviour(digits(number), CustomerBehaviour.BUSY, CustomerBehaviour.ANSWER);
        // at least a minute away in real time, however late in the minute (and however slow the machine) this runs
        LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).plusMinutes(2).truncatedTo(ChronoUnit.MINUTES);
        var format = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

        var created = rest.withBasicAuth("supervisor", "demo").postForEntity("/api/scheduled-callbacks", Map.of(
                "phoneNumber", number, "recipientName", "Rita Lima", "windowStart", format.format(start),
                "windowEnd", format.format(start.plusHours(1)), "timeZone", "UTC", "queue", queue), Map.class);

        assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
        UUID id = UUID.fromString((String) created.getBody().get("id"));
        awaitStatus(id, CallbackStatus.SCHEDULED, Duration.ofSeconds(20));
        Thread.sleep(2_000);
        assertThat(dialsTo(number)).as("nothing before the window").isEmpty();
        assertThat(callbacks.find(id).orElseThrow().status()).isEqualTo(CallbackStatus.SCHEDULED);

        engine.increaseTime(Duration.ofMinutes(2)); // the window opens
        var opened = java.time.Instant.now();
        Callback connected = awaitStatus(id, CallbackStatus.CONNECTED, Duration.ofSeconds(60));

        assertThat(connected.endReason()).isEqualTo("the customer reached an agent on attempt 2");
        assertThat(connected.settingsJson()).contains("\"dialPolicy\"", "\"maxAttempts\": 3");
        assertThat(connected.expiresAt()).as("the window's end is the deadline")
                .isEqualTo(start.plusHours(1).toInstant(ZoneOffset.UTC));
        List<Attempt> attempts = attemptsOf(id);
        assertThat(attempts).extracting(Attempt::outcome).containsExactly(AttemptOutcome.BUSY, AttemptOutcome.CONNECTED);
        List<OriginateRecord> dials = dialsTo(number);
        assertThat(dials).hasSize(2);
        assertThat(dials.getFirst().receivedAt()).as("dialed when the window opened, not before")
                .isAfterOrEqualTo(opened.minusMillis(50));
        assertThat(dials.getFirst().variables()).containsEntry("CB_QUEUE", queue).containsEntry("CB_ATTEMPT", "1");
        await().atMost(Duration.ofSeconds(10)).until(() -> incidentOf(id).isEmpty());
    }
}
