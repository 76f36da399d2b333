package io.ringback.worker;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.ringback.callback.CallNotPlacedException;
import io.ringback.callback.CallbackDialer;
import io.ringback.process.CallbackProcess.Errors;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.process.DialPolicy;
import io.ringback.support.CallbackLogContext;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code originate-call}: sends the async AMI Originate for attempt {@code attempt} and returns at
 * once with {@code actionId} (the correlation key of its outcome), {@code outcomeTimeout} (how long
 * the model waits for the OriginateResponse) and {@code connectTimeout} (how long, after an answer,
 * it waits to hear whether the customer reached an agent). When nothing was dialed (the PBX link is
 * down, the agent claim expired): BPMN error {@code CALL_NOT_PLACED}, the attempt is not used up.
 */
@Component
public class OriginateCallWorker {

    private final CallbackDialer dialer;

    OriginateCallWorker(CallbackDialer dialer) {
        this.dialer = dialer;
    }

    @JobWorker(type = JobTypes.ORIGINATE_CALL)
    public Map<String, Object> originate(ActivatedJob job, @Variable String callbackId, @Variable int attempt,
                                         @Variable(optional = true) Object dialPolicy) {
        try (var log = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            DialPolicy policy = DialPolicy.from(dialPolicy).requireUsableForCall(); // nothing unchecked reaches a channel variable
            String actionId;
            try {
                actionId = dialer.dial(UUID.fromString(callbackId), attempt, policy.queue(), policy.dialPrefix(),
                        policy.callbackMessage(), policy.target().hasOwner());
            } catch (CallNotPlacedException e) {
                throw CamundaError.bpmnError(Errors.CALL_NOT_PLACED, e.getMessage(),
                        Map.of("callNotPlacedReason", e.getMessage()));
            }
            return Map.of("actionId", actionId, "outcomeTimeout", dialer.outcomeTimeout().toString(),
                    "connectTimeout", dialer.connectTimeout().toString());
        }
    }
}
