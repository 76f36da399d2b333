package io.ringback.process.worker;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.process.QueueSettings;
import io.ringback.support.CallbackLogContext;
import io.ringback.telephony.CallbackDialer;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code originate-call}: sends the async AMI Originate for attempt {@code attempt} and returns at
 * once with {@code actionId} (the receive task's correlation key) and {@code outcomeTimeout}
 * (how long the model waits for the OriginateResponse).
 */
@Component
public class OriginateCallWorker {

    private final CallbackDialer dialer;

    OriginateCallWorker(CallbackDialer dialer) {
        this.dialer = dialer;
    }

    @JobWorker(type = JobTypes.ORIGINATE_CALL)
    public Map<String, Object> originate(ActivatedJob job, @Variable String callbackId, @Variable int attempt,
                                         @Variable String queue, @Variable QueueSettings settings) {
        try (var log = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            String actionId = dialer.dial(UUID.fromString(callbackId), attempt, queue, settings.dialPrefix(),
                    settings.callbackMessage());
            return Map.of("actionId", actionId, "outcomeTimeout", dialer.outcomeTimeout().toString());
        }
    }
}
