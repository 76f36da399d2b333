package io.ringback.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.ringback.callback.CallbackRepository;
import io.ringback.callback.CallbackRepository.AlreadyEndedException;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.support.CallbackLogContext;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code accept-callback}: checks and stores the dial policy the decision gave ({@code dialPolicy}; an
 * unusable one is an incident naming each problem: fix the row of {@code dial-policy} and retry), returns
 * {@code expiresAt} (abandon + time limit) and, when the queue's rules make callbacks sticky
 * ({@code abandonRules.ownerIsLastAgent}), {@code ownerAgent}: the last agent who spoke with the caller
 * (within {@code ringback.history.last-agent-look-back}), or null ({@link AbandonedCallSettings}). Then
 * makes the callback the pending one for its number and queue; when another callback got there first,
 * returns its id in {@code mergedInto} and the model joins it. A callback already ended (the model went on
 * after {@code register-callback} ended it) is an incident, never a call.
 *
 * <p>An instance of a version of the model from before issue 10's shorter path (the dial policy already
 * applied by {@code register-callback}, so {@code expiresAt} is set) only gets {@code mergedInto}.
 */
@Component
public class AcceptCallbackWorker {

    private final CallbackRepository callbacks;
    private final AbandonedCallSettings settings;

    AcceptCallbackWorker(CallbackRepository callbacks, AbandonedCallSettings settings) {
        this.callbacks = callbacks;
        this.settings = settings;
    }

    @JobWorker(type = JobTypes.ACCEPT_CALLBACK)
    public Map<String, Object> accept(ActivatedJob job, @Variable String callbackId, @Variable String queue,
                                      @Variable String origin, @Variable Map<String, Object> abandonRules,
                                      @Variable(optional = true) Map<String, Object> dialPolicy,
                                      @Variable String abandonedAt, @Variable(optional = true) String expiresAt)
            throws JsonProcessingException {
        try (var log = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            UUID id = UUID.fromString(callbackId);
            Map<String, Object> result = new HashMap<>();
            if (!job.getVariablesAsMap().containsKey("expiresAt")) {
                result.putAll(settings.applyDialPolicy(id, origin, queue, settings.rules(abandonRules), dialPolicy,
                        abandonedAt));
            }
            try {
                result.put("mergedInto", callbacks.accept(id).map(UUID::toString).orElse(null));
            } catch (AlreadyEndedException ended) {
                throw CamundaError.jobError(ended.getMessage() + "; the model must not call back a callback "
                        + "register-callback ended (check the gateways after Register callback)", null, 0);
            }
            return result;
        }
    }
}
