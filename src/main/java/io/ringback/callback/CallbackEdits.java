package io.ringback.callback;

import io.ringback.callback.CallbackRepository.Change;
import io.ringback.support.ForbiddenException;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What users do to a callback once it exists, each recorded in its history with who did it. A cancel
 * is a request to the model (through the outbox): the callback ends {@code CANCELLED} when its process
 * instance takes the request, unless it ended otherwise first.
 */
@Service
public class CallbackEdits {

    private final CallbackRepository callbacks;
    private final CallbackMessages messages;
    private final TransactionTemplate tx;

    CallbackEdits(CallbackRepository callbacks, CallbackMessages messages, TransactionTemplate tx) {
        this.callbacks = callbacks;
        this.messages = messages;
        this.tx = tx;
    }

    /** The callback does not exist. */
    public static final class UnknownCallbackException extends RuntimeException {
        UnknownCallbackException(UUID id) {
            super("No callback " + id);
        }
    }

    /** The callback has ended: nothing can be changed any more. */
    public static final class CallbackEndedException extends RuntimeException {
        CallbackEndedException(UUID id, CallbackStatus status) {
            super("Callback " + id + " has already ended: " + status);
        }
    }

    /**
     * Asks the model to cancel the callback.
     *
     * @param actor the user asking: their own callback, or anybody's when they supervise
     * @param reason why, for the end reason (optional)
     */
    public void cancel(UUID id, Actor actor, String reason) {
        tx.executeWithoutResult(status -> {
            Callback callback = callbacks.lock(id).orElseThrow(() -> new UnknownCallbackException(id));
            if (!actor.mayChange(callback.createdBy())) {
                throw new ForbiddenException("Callback " + id + " was created by " + callback.createdBy() + ": cancelling "
                        + "a callback somebody else created needs callbacks:cancel and callbacks:supervise",
                        "callbacks:supervise");
            }
            if (callback.status().isEnd()) {
                throw new CallbackEndedException(id, callback.status());
            }
            String by = actor.name();
            callbacks.cancelRequested(id, by);
            callbacks.recordChange(id, by, Change.CANCEL_REQUESTED, reason);
            messages.cancel(id, reason);
        });
    }
}
