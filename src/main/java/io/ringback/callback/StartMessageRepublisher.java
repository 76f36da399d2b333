package io.ringback.callback;

import io.ringback.process.ProcessProperties;
import io.ringback.support.CallbackLogContext;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The outbox side of the intake: a callback that was stored but whose process instance has not
 * registered (the engine was unreachable, the application stopped right after the commit) gets
 * its start message again. The engine drops a duplicate start by its message id.
 */
@Component
class StartMessageRepublisher {

    private static final Logger log = LoggerFactory.getLogger(StartMessageRepublisher.class);

    private final CallbackRepository callbacks;
    private final AbandonedCallIntake intake;
    private final ProcessProperties properties;
    private final Clock clock;

    StartMessageRepublisher(CallbackRepository callbacks, AbandonedCallIntake intake, ProcessProperties properties, Clock clock) {
        this.callbacks = callbacks;
        this.intake = intake;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ringback.process.republish-interval:15s}",
               initialDelayString = "${ringback.process.republish-interval:15s}")
    void republishUnstarted() {
        var stale = callbacks.unstartedSince(clock.instant().minus(properties.republishAfter()), 100);
        for (Callback callback : stale) {
            try (var logContext = CallbackLogContext.open(callback.id())) {
                log.warn("Callback {} has no process instance {} after it was accepted; publishing its start again",
                        callback.id(), properties.republishAfter());
                intake.restart(callback);
            } catch (RuntimeException e) { // one callback must not hold up the others
                log.error("Could not publish the start of callback {} again: {}", callback.id(), e.toString());
            }
        }
    }
}
