package io.ringback.callback;

import io.ringback.process.CallbackProcess.Messages;
import io.ringback.process.OutboundMessage;
import io.ringback.process.ProcessMessages;
import io.ringback.process.ProcessProperties;
import io.ringback.support.CallbackLogContext;
import io.ringback.support.InputRule;
import io.ringback.support.PhoneNumbers;
import java.util.HashMap;
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
 *   <li>the same abandon (same source and unique id) seen twice is recorded once: {@link Outcome#DUPLICATE};
 *   <li>an abandon from a number with a live pending callback in the same queue joins it:
 *       {@link Outcome#JOINED}. A pending callback whose process instance is gone is closed as
 *       {@code ORPHANED} instead, and the abandon becomes a callback of its own;
 *   <li>otherwise a callback is stored and its process instance started: {@link Outcome#CREATED}.
 * </ul>
 * Numbers are compared in their normal form ({@link PhoneNumbers}). The callback row is committed
 * before the start message is published, without waiting for the engine's answer; if publishing fails,
 * the {@link StartMessageRepublisher} publishes it again, so an accepted callback is never lost.
 */
@Service
public class AbandonedCallIntake implements CallbackKind {

    public static final String ORIGIN = CallbackOrigin.ABANDONED_CALL.name();
    private static final Logger log = LoggerFactory.getLogger(AbandonedCallIntake.class);

    private final CallbackRepository callbacks;
    private final ProcessMessages messages;
    private final ProcessProperties properties;
    private final TransactionTemplate tx;
    private final CallbackMetrics metrics;
    private final PhoneNumbers phones;
    private final OrphanedCallbacks orphans;

    public AbandonedCallIntake(CallbackRepository callbacks, ProcessMessages messages, ProcessProperties properties,
                               TransactionTemplate tx, CallbackMetrics metrics, PhoneNumbers phones,
                               OrphanedCallbacks orphans) {
        this.callbacks = callbacks;
        this.messages = messages;
        this.properties = properties;
        this.tx = tx;
        this.metrics = metrics;
        this.phones = phones;
        this.orphans = orphans;
    }

    public enum Outcome { CREATED, JOINED, DUPLICATE }

    public record Result(UUID callbackId, Outcome outcome) {}

    /** An abandon reported by the PBX over AMI: its source is who reported it. */
    public Result accept(AbandonedCall call) {
        return accept(call, call.source());
    }

    /**
     * @param reportedBy who reported the abandon (the API user, or the AMI source): the callback's creator
     */
    public Result accept(AbandonedCall call, String reportedBy) {
        String number = validate(call);
        Result result = tx.execute(status -> {
            var known = callbacks.callbackOfAbandon(call.source(), call.uniqueId());
            if (known.isPresent()) {
                return new Result(known.get(), Outcome.DUPLICATE);
            }
            var pending = callbacks.lockPending(call.queue(), number);
            if (pending.isPresent() && orphans.instanceGone(pending.get())) {
                orphans.close(pending.get(), "its process instance " + pending.get().processInstanceKey()
                        + " no longer exists (cancelled in Operate, or the engine lost its state); a new abandon from "
                        + "this number starts a callback of its own");
                pending = java.util.Optional.empty();
            }
            if (pending.isPresent()) {
                UUID joined = pending.get().id();
                if (!callbacks.insertAbandonEvent(call, joined)) {
                    return new Result(joined, Outcome.DUPLICATE);
                }
                callbacks.countAbandon(joined, call.abandonedAt());
                return new Result(joined, Outcome.JOINED);
            }
            UUID id = UUID.randomUUID();
            callbacks.insertReceived(id, ORIGIN, call, number, reportedBy);
            callbacks.recordChange(id, reportedBy, CallbackRepository.Change.CREATED,
                    "abandoned in queue " + call.queue() + " after " + call.holdTimeSeconds() + " s");
            if (!callbacks.insertAbandonEvent(call, id)) {
                status.setRollbackOnly(); // a concurrent intake recorded the same abandon first
                return null;
            }
            return new Result(id, Outcome.CREATED);
        });
        if (result == null) {
            return new Result(callbacks.callbackOfAbandon(call.source(), call.uniqueId()).orElseThrow(), Outcome.DUPLICATE);
        }
        String masked = phones.mask(number);
        try (var logContext = CallbackLogContext.open(result.callbackId())) {
            switch (result.outcome()) {
                case CREATED -> {
                    metrics.callbackStarted(ORIGIN);
                    log.info("Callback {} created for {} abandoned in queue {} after {} s", result.callbackId(), masked,
                            call.queue(), call.holdTimeSeconds());
                    start(result.callbackId(), startMessageId(call.source(), call.uniqueId()), call, masked);
                }
                case JOINED -> log.info("Abandon {} from {} in queue {} joined pending callback {}", call.uniqueId(),
                        masked, call.queue(), result.callbackId());
                case DUPLICATE -> log.debug("Abandon {} already recorded for callback {}", call.uniqueId(), result.callbackId());
            }
        }
        return result;
    }

    @Override
    public String origin() {
        return ORIGIN;
    }

    /** Publishes the start message again for a callback whose instance never registered. */
    @Override
    public void publishStart(Callback callback) {
        var first = callbacks.firstAbandon(callback.id());
        String messageId = first.map(a -> startMessageId(a.source(), a.uniqueId())).orElse("callback-" + callback.id());
        var call = new AbandonedCall(first.map(CallbackRepository.AbandonRef::source).orElse("unknown"), callback.queue(),
                callback.phoneNumber(), callback.callerName(),
                callback.holdTimeSeconds() == null ? 0 : callback.holdTimeSeconds(), callback.abandonedAt(),
                first.map(CallbackRepository.AbandonRef::uniqueId).orElse(callback.id().toString()));
        start(callback.id(), messageId, call, phones.mask(callback.phoneNumber()));
    }

    private static String startMessageId(String source, String uniqueId) {
        return source + "/" + uniqueId;
    }

    private void start(UUID callbackId, String messageId, AbandonedCall call, String masked) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("callbackId", callbackId.toString());
        vars.put("origin", ORIGIN);
        vars.put("queue", call.queue());
        vars.put("holdTimeSeconds", call.holdTimeSeconds());
        vars.put("abandonedAt", call.abandonedAt().toString());
        vars.put("callerMasked", masked);
        // not waiting for the engine's answer: the AMI event thread goes on with the next event while the
        // engine starts the instance (at 50 abandons/s a round trip per event held up every later one)
        messages.publishAsync(new OutboundMessage(Messages.ABANDONED_CALL_RECEIVED, callbackId.toString(), messageId,
                properties.startMessageTtl(), vars)).whenComplete((done, failure) -> {
                    if (failure != null) {
                        try (var logContext = CallbackLogContext.open(callbackId)) {
                            log.warn("Starting the process of callback {} failed ({}); it will be retried", callbackId,
                                    failure.getMessage());
                        }
                    }
                });
    }

    private String validate(AbandonedCall call) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (call.queue() == null || call.queue().isBlank()) {
            errors.put("queue", "must not be blank");
        } else {
            InputRule.QUEUE.problem(call.queue()).ifPresent(rule -> errors.put("queue", rule));
        }
        var number = phones.normalise(call.callerNumber());
        if (number.isEmpty()) {
            errors.put("callerNumber", "must be a phone number of 3 to 20 digits, optionally with a leading + and "
                    + "separators (space - . , ( ) /)");
        }
        if (call.callerName() != null) {
            InputRule.CALLER_NAME.problem(call.callerName()).ifPresent(rule -> errors.put("callerName", rule));
        }
        if (call.holdTimeSeconds() < 0) {
            errors.put("holdTimeSeconds", "must not be negative");
        }
        if (call.abandonedAt() == null) {
            errors.put("abandonedAt", "must be given");
        }
        if (call.uniqueId() == null || call.uniqueId().isBlank()) {
            errors.put("uniqueId", "must not be blank");
        } else {
            InputRule.UNIQUE_ID.problem(call.uniqueId()).ifPresent(rule -> errors.put("uniqueId", rule));
        }
        if (call.source() == null || !InputRule.SOURCE.accepts(call.source())) {
            errors.put("source", InputRule.SOURCE.rule());
        }
        if (!errors.isEmpty()) {
            throw new InvalidAbandonedCallException(errors);
        }
        return number.get();
    }
}
