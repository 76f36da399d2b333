package io.ringback.worker;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.ringback.callback.CallbackRepository;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.support.CallbackLogContext;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code accept-callback}: makes the callback the pending one for its number and queue. When
 * another callback got there first, returns its id in {@code mergedInto} and the model joins it.
 */
@Component
public class AcceptCallbackWorker {

    private final CallbackRepository callbacks;

    AcceptCallbackWorker(CallbackRepository callbacks) {
        this.callbacks = callbacks;
    }

    @JobWorker(type = JobTypes.ACCEPT_CALLBACK)
    public Map<String, Object> accept(ActivatedJob job, @Variable String callbackId) {
        try (var log = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            Map<String, Object> result = new HashMap<>();
            result.put("mergedInto", callbacks.accept(UUID.fromString(callbackId)).map(UUID::toString).orElse(null));
            return result;
        }
    }
}
