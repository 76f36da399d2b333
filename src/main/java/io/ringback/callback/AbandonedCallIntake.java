package io.ringback.callback;

import io.ringback.metrics.CallbackMetrics;
import io.ringback.process.ProcessMessages;
import io.ringback.process.ProcessMessages.StartVariables;
import io.ringback.support.CallbackLogContext;
import io.ringback.support.PhoneNumbers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns an abandoned call into a callback, whether AMI or the API reported it.
 *
 * <ul>
 *   <li>the same abandon (same unique id) seen twice is recorded once: {@link Outcome#DUPLICATE};
 *   <li>an abandon from a number with a pending callback in the same queue joins it: {@link Outcome#JOINED};
 *   <li>otherwise a callback is stored and its process instance started: {@link Outcome#CREATED}.
 * </ul>
 * The callback row is committed before the start message is published; if publishing fails, the
 * {@link StartMessageRepublisher} publishes it again, so an accepted callback is never lost.
 */
@Service
public class AbandonedCallIntake {

    public static final String ORIGIN = "ABANDONED_CALL";
    private static final Logger log = LoggerFactory.getLogger(AbandonedCallIntake.class);

    private final CallbackRepository callbacks;
    private final ProcessMessages messages;
    private final TransactionTemplate tx;
    private final CallbackMetrics metrics;

    public AbandonedCallIntake(CallbackRepository callbacks, ProcessMessages messages, TransactionTemplate tx,
                               CallbackMetrics metrics) {
        this.callbacks = callbacks;
        this.messages = messages;
        this.tx = tx;
        this.metrics = metrics;
    }

    public enum Outcome { CREATED, JOINED, DUPLICATE }

    public record Result(UUID callbackId, Outcome outcome) {}

    public Result accept(AbandonedCall call) {
        String number = validate(call);
        String uniqueId = call.uniqueId();
        Result result = tx.execute(status -> {
            var known = callbacks.callbackOfAbandon(uniqueId);
            if (known.isPresent()) {
                return new Result(known.get(), Outcome.DUPLICATE);
            }
            var pending = callbacks.lockPending(call.queue(), number);
            if (pending.isPresent()) {
                if (!callbacks.insertAbandonEvent(uniqueId, pending.get(), call)) {
                    return new Result(pending.get(), Outcome.DUPLICATE);
                }
                callbacks.countAbandon(pending.get(), call.abandonedAt());
                return new Result(pending.get(), Outcome.JOINED);
            }
            UUID id = UUID.randomUUID();
            callbacks.insertReceived(id, ORIGIN, call, number);
            if (!callbacks.insertAbandonEvent(uniqueId, id, call)) {
                status.setRollbackOnly(); // a concurrent intake recorded the same abandon first
                return null;
            }
            return new Result(id, Outcome.CREATED);
        });
        if (result == null) {
            return new Result(callbacks.callbackOfAbandon(uniqueId).orElseThrow(), Outcome.DUPLICATE);
        }
        String masked = PhoneNumbers.mask(number);
        try (var logContext = CallbackLogContext.open(result.callbackId())) {
            switch (result.outcome()) {
                case CREATED -> {
                    metrics.callbackStarted(ORIGIN);
                    log.info("Callback {} created for {} abandoned in queue {} after {} s", result.callbackId(), masked,
                            call.queue(), call.holdTimeSeconds());
                    start(result.callbackId(), uniqueId, call, masked);
                }
                case JOINED -> log.info("Abandon {} from {} in queue {} joined pending callback {}", uniqueId, masked,
                        call.queue(), result.callbackId());
                case DUPLICATE -> log.debug("Abandon {} already recorded for callback {}", uniqueId, result.callbackId());
            }
        }
        return result;
    }

    /** Publishes the start message again for a callback whose instance never registered. */
    void restart(Callback callback) {
        String messageId = callbacks.firstAbandonId(callback.id()).orElse("callback-" + callback.id());
        var call = new AbandonedCall(callback.queue(), callback.phoneNumber(), callback.callerName(),
                callback.holdTimeSeconds(), callback.abandonedAt(), messageId);
        start(callback.id(), messageId, call, PhoneNumbers.mask(callback.phoneNumber()));
    }

    private void start(UUID callbackId, String messageId, AbandonedCall call, String masked) {
        try {
            messages.startCallback(callbackId, messageId, new StartVariables(callbackId, ORIGIN, call.queue(),
                    call.holdTimeSeconds(), call.abandonedAt().toString(), masked));
        } catch (RuntimeException e) {
            log.warn("Starting the process of callback {} failed ({}); it will be retried", callbackId, e.getMessage());
        }
    }

    private static String validate(AbandonedCall call) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (call.queue() == null || call.queue().isBlank()) {
            errors.put("queue", "must not be blank");
        }
        var number = PhoneNumbers.normalise(call.callerNumber());
        if (number.isEmpty()) {
            errors.put("callerNumber", "must be a phone number of 3 to 20 digits, optionally with a leading +");
        }
        if (call.holdTimeSeconds() < 0) {
            errors.put("holdTimeSeconds", "must not be negative");
        }
        if (call.abandonedAt() == null) {
            errors.put("abandonedAt", "must be given");
        }
        if (call.uniqueId() == null || call.uniqueId().isBlank()) {
            errors.put("uniqueId", "must not be blank");
        }
        if (!errors.isEmpty()) {
            throw new InvalidAbandonedCallException(errors);
        }
        return number.get();
    }
}
