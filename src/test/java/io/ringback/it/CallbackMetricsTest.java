package io.ringback.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ringback.callback.CallbackStatus;
import io.ringback.simulator.CustomerBehaviour;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** Counted values after a scripted run against the simulated Asterisk. */
class CallbackMetricsTest extends RingbackIntegrationTest {

    @Autowired MeterRegistry meters;
    @Autowired TestRestTemplate rest;

    private double counter(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private long timerCount(String name) {
        Timer timer = meters.find(name).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void aScriptedRunIsCountedOnceByOriginEndStateAndOutcome() {
        double started = counter("ringback.callbacks.started", "origin", "ABANDONED_CALL");
        double answered = counter("ringback.callbacks.ended", "origin", "ABANDONED_CALL", "end_state", "CONNECTED");
        double notEligible = counter("ringback.callbacks.ended", "origin", "ABANDONED_CALL", "end_state", "NOT_ELIGIBLE");
        double busy = counter("ringback.attempts", "outcome", "BUSY");
        double answeredAttempts = counter("ringback.attempts", "outcome", "CONNECTED");
        long firstAttempts = timerCount("ringback.callback.time.to.first.attempt");
        long answers = timerCount("ringback.callback.time.to.connect");

        String queue = queueWithAgent("it-fast-metrics");
        String first = newNumber();
        String second = newNumber();
        String tooSoon = newNumber();
        asterisk.setBehaviour(digits(first), CustomerBehaviour.ANSWER);
        asterisk.setBehaviour(digits(second), CustomerBehaviour.BUSY, CustomerBehaviour.ANSWER);
        asterisk.abandon(queue, first, "Mia", 20);
        asterisk.abandon(queue, second, "Noah", 20);
        asterisk.abandon("support", tooSoon, "Otto", 1);
        awaitStatus(awaitCallback(queue, first).id(), CallbackStatus.CONNECTED, Duration.ofSeconds(40));
        awaitStatus(awaitCallback(queue, second).id(), CallbackStatus.CONNECTED, Duration.ofSeconds(40));
        awaitStatus(awaitCallback("support", tooSoon).id(), CallbackStatus.NOT_ELIGIBLE, Duration.ofSeconds(20));

        assertThat(counter("ringback.callbacks.started", "origin", "ABANDONED_CALL") - started).isEqualTo(3);
        assertThat(counter("ringback.callbacks.ended", "origin", "ABANDONED_CALL", "end_state", "CONNECTED") - answered)
                .isEqualTo(2);
        assertThat(counter("ringback.callbacks.ended", "origin", "ABANDONED_CALL", "end_state", "NOT_ELIGIBLE")
                - notEligible).isEqualTo(1);
        assertThat(counter("ringback.attempts", "outcome", "BUSY") - busy).isEqualTo(1);
        assertThat(counter("ringback.attempts", "outcome", "CONNECTED") - answeredAttempts).isEqualTo(2);
        assertThat(timerCount("ringback.callback.time.to.first.attempt") - firstAttempts).isEqualTo(2);
        assertThat(timerCount("ringback.callback.time.to.connect") - answers).isEqualTo(2);
    }

    @Test
    void prometheusExportsTheCallbackAndAmiMetrics() {
        String scrape = rest.getForObject("/actuator/prometheus", String.class);

        assertThat(scrape).contains("ringback_ami_connected 1.0", "ringback_ami_reconnects_total",
                "ringback_callbacks_started_total{origin=\"ABANDONED_CALL\"}",
                "ringback_callback_time_to_connect_seconds_bucket{le=\"30.0\"}",
                "ringback_ami_outage_seconds 0.0", "ringback_outbox_pending");
    }
}
