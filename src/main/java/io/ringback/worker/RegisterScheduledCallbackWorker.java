package io.ringback.worker;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.ringback.callback.CallbackRepository;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.scheduled.ScheduledCallbacks;
import io.ringback.support.CallbackLogContext;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code register-scheduled-callback}: links the scheduled callback to this instance (so the start
 * outbox stops), marks it {@code SCHEDULED} and returns the window it waits for as it is stored now —
 * an edit made before the instance registered is not missed. Returns {@code windowStart},
 * {@code windowEnd} (ISO instants), {@code queue} and {@code windowState} ({@code WAIT}, or
 * {@code CANCELLED} when it was deleted meanwhile).
 */
@Component
public class RegisterScheduledCallbackWorker {

    private final CallbackRepository callbacks;
    private final ScheduledCallbacks scheduled;

    RegisterScheduledCallbackWorker(CallbackRepository callbacks, ScheduledCallbacks scheduled) {
        this.callbacks = callbacks;
        this.scheduled = scheduled;
    }

    @JobWorker(type = JobTypes.REGISTER_SCHEDULED_CALLBACK)
    public Map<String, Object> register(ActivatedJob job, @Variable String callbackId) {
        try (var log = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            UUID id = UUID.fromString(callbackId);
            var conflicting = callbacks.attachInstance(id, job.getProcessInstanceKey());
            if (conflicting.isPresent()) {
                throw CamundaError.jobError("Callback " + callbackId + " is already handled by process instance "
                        + conflicting.get() + "; this instance is a duplicate and can be cancelled", null, 0);
            }
            return OpenScheduledWindowWorker.variables(scheduled.registered(id));
        }
    }
}
