package io.ringback.callback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The orchestrator's own metrics (exported on {@code /actuator/prometheus}):
 *
 * <ul>
 *   <li>{@code ringback_callbacks_started_total{origin}}
 *   <li>{@code ringback_callbacks_ended_total{origin,end_state}}
 *   <li>{@code ringback_attempts_total{outcome}}
 *   <li>{@code ringback_callback_time_to_first_attempt_seconds} — abandon to first dial (histogram)
 *   <li>{@code ringback_callback_time_to_connect_seconds} — abandon to the customer reaching an agent (histogram)
 *   <li>{@code ringback_abandons_not_taken_total{field}} — abandons from the PBX that could not become a
 *       callback (an anonymous caller: {@code field="callerNumber"})
 * </ul>
 * Each is counted where the fact is first recorded, so a redelivered job does not count twice.
 */
@Component
public class CallbackMetrics {

    private final MeterRegistry registry;
    private final Timer timeToFirstAttempt;
    private final Timer timeToConnect;

    public CallbackMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.timeToFirstAttempt = histogram("ringback.callback.time.to.first.attempt",
                "Time from the abandon to the first dial of its callback");
        this.timeToConnect = histogram("ringback.callback.time.to.connect",
                "Time from the abandon to the customer reaching an agent on a callback call");
    }

    /** Buckets a contact center states its callback service levels in. */
    private static final Duration[] SERVICE_LEVELS = {
        Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
        Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1),
        Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24)};

    private Timer histogram(String name, String description) {
        return Timer.builder(name).description(description)
                .serviceLevelObjectives(SERVICE_LEVELS)
                .register(registry);
    }

    public void callbackStarted(String origin) {
        Counter.builder("ringback.callbacks.started").description("Callbacks created")
                .tag("origin", origin).register(registry).increment();
    }

    public void callbackEnded(String origin, CallbackStatus endState) {
        Counter.builder("ringback.callbacks.ended").description("Callbacks ended, by end state")
                .tag("origin", origin).tag("end_state", endState.name()).register(registry).increment();
    }

    public void attemptEnded(AttemptOutcome outcome) {
        Counter.builder("ringback.attempts").description("Callback attempts, by outcome")
                .tag("outcome", outcome.name()).register(registry).increment();
    }

    public void firstAttemptDialed(Duration sinceAbandon) {
        timeToFirstAttempt.record(nonNegative(sinceAbandon));
    }

    public void connected(Duration sinceAbandon) {
        timeToConnect.record(nonNegative(sinceAbandon));
    }

    public void abandonNotTaken(String field) {
        Counter.builder("ringback.abandons.not.taken").description("Abandons that could not become a callback, by bad field")
                .tag("field", field).register(registry).increment();
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
