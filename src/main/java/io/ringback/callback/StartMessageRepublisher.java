package io.ringback.callback;

import io.ringback.process.ProcessProperties;
import io.ringback.support.CallbackLogContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The outbox side of the intake: a callback that was stored but whose process instance has not
 * registered (the engine was unreachable, the application stopped right after the commit) gets
 * its start message again, from the {@link CallbackKind} of its origin. The engine drops a duplicate
 * start by its message id.
 */
@Component
class StartMessageRepublisher {

    private static final Logger log = LoggerFactory.getLogger(StartMessageRepublisher.class);

    private final CallbackRepository callbacks;
    private final Map<String, CallbackKind> kinds;
    private final ProcessProperties properties;
    private final Clock clock;

    StartMessageRepublisher(CallbackRepository callbacks, List<CallbackKind> kinds, ProcessProperties properties,
                            Clock clock) {
        this.callbacks = callbacks;
        this.kinds = kinds.stream().collect(Collectors.toUnmodifiableMap(CallbackKind::origin, Function.identity()));
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ringback.process.republish-interval:15s}",
               initialDelayString = "${ringback.process.republish-interval:15s}")
    void republishUnstarted() {
        var stale = callbacks.unstartedSince(clock.instant().minus(properties.republishAfter()), 100);
        for (Callback callback : stale) {
            try (var logContext = CallbackLogContext.open(callback.id())) {
                CallbackKind kind = kinds.get(callback.origin());
                if (kind == null) {
                    log.error("Callback {} of origin {} has no process instance, and no callback kind of this application "
                            + "starts callbacks of that origin (known: {})", callback.id(), callback.origin(), kinds.keySet());
                    continue;
                }
                log.warn("Callback {} has no process instance {} after it was accepted; publishing its start again",
                        callback.id(), properties.republishAfter());
                kind.publishStart(callback);
            } catch (RuntimeException e) { // one callback must not hold up the others
                log.error("Could not publish the start of callback {} again: {}", callback.id(), e.toString());
            }
        }
    }
}
