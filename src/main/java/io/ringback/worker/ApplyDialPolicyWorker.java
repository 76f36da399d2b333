package io.ringback.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.ringback.callback.CallbackRepository;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.process.DialPolicy;
import io.ringback.support.CallbackLogContext;
import io.ringback.support.InputRule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code apply-dial-policy}: for callback kinds whose deadline is a window (scheduled callbacks), checks
 * the dial policy the decision gave ({@code dialPolicy}) and stores it on the callback with the
 * window's end ({@code windowEnd}) as its deadline. An unusable policy is an incident naming each
 * problem; fix the row of {@code dial-policy} and retry it. Sets no variables.
 */
@Component
public class ApplyDialPolicyWorker {

    private final CallbackRepository callbacks;
    private final ObjectMapper json;

    ApplyDialPolicyWorker(CallbackRepository callbacks, ObjectMapper json) {
        this.callbacks = callbacks;
        this.json = json;
    }

    @JobWorker(type = JobTypes.APPLY_DIAL_POLICY)
    public void apply(ActivatedJob job, @Variable String callbackId, @Variable String origin, @Variable String queue,
                      @Variable(optional = true) Map<String, Object> dialPolicy, @Variable String windowEnd)
            throws JsonProcessingException {
        try (var log = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            List<String> problems = dialPolicy == null
                    ? List.of("the dial-policy decision matched no row for origin " + origin + " and queue '" + queue + "'")
                    : DialPolicy.outputProblems(dialPolicy, false).stream().map(p -> "dial-policy: " + p).toList();
            if (!problems.isEmpty()) {
                throw CamundaError.jobError("Dial policy for " + origin + " callbacks of queue '" + InputRule.forLog(queue)
                        + "' cannot be used: " + String.join("; ", problems), null, 0);
            }
            DialPolicy policy = json.convertValue(dialPolicy, DialPolicy.class);
            callbacks.storeSettings(UUID.fromString(callbackId), json.writeValueAsString(Map.of("dialPolicy", policy)),
                    Instant.parse(windowEnd));
        }
    }
}
