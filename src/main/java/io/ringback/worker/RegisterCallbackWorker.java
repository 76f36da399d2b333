package io.ringback.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.ringback.callback.CallbackRepository;
import io.ringback.callback.CallbackStatus;
import io.ringback.process.AbandonRules;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.support.CallbackLogContext;
import io.ringback.support.InputRule;
import io.ringback.worker.CallbackEnds.EndVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code register-callback}: links the callback to its process instance and checks the rules of the
 * {@code abandoned-call-rules} decision as the engine gives them, before Java reads them
 * ({@link AbandonRules#outputProblems}: {@code "yes"} is not {@code true} to the model's gateway). Unusable
 * rules raise an incident naming the problem (the callback stays linked to its instance, waiting), so the
 * analyst can fix the decision and retry. A callback the rules do not call back — callbacks off for the
 * queue, or a caller who did not wait long enough, as the model's two gateways after this task decide it
 * ({@link AbandonRules#calledBack}) — is ended here ({@code DISABLED} or {@code NOT_ELIGIBLE}, with its
 * reason), so that the model goes straight to its end event: the shortest path costs the engine one
 * decision and this one job. Returns no variables.
 *
 * <p>An instance of a version of the model from before that change (its dial policy decided before this
 * task, so {@code dialPolicy} is set) is served as then: the dial policy is checked and stored here and
 * {@code expiresAt} and {@code ownerAgent} returned ({@link AbandonedCallSettings}).
 */
@Component
public class RegisterCallbackWorker {

    private final CallbackRepository callbacks;
    private final AbandonedCallSettings settings;
    private final CallbackEnds ends;

    RegisterCallbackWorker(CallbackRepository callbacks, AbandonedCallSettings settings, CallbackEnds ends) {
        this.callbacks = callbacks;
        this.settings = settings;
        this.ends = ends;
    }

    @JobWorker(type = JobTypes.REGISTER_CALLBACK)
    public Map<String, Object> register(ActivatedJob job, @Variable String callbackId, @Variable String queue,
                                        @Variable String origin,
                                        @Variable(optional = true) Map<String, Object> abandonRules,
                                        @Variable(optional = true) Map<String, Object> dialPolicy, @Variable String abandonedAt,
                                        @Variable int holdTimeSeconds)
            throws JsonProcessingException {
        try (var logContext = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            boolean policyDecided = job.getVariablesAsMap().containsKey("dialPolicy"); // a model from before
            return register(job.getProcessInstanceKey(), callbackId, queue, origin, abandonRules, abandonedAt,
                    holdTimeSeconds, policyDecided, dialPolicy);
        }
    }

    private Map<String, Object> register(long processInstanceKey, String callbackId, String queue, String origin,
                                         Map<String, Object> rulesOutput, String abandonedAt, int holdTimeSeconds,
                                         boolean policyDecided, Map<String, Object> policyOutput)
            throws JsonProcessingException {
        UUID id = UUID.fromString(callbackId);
        var conflicting = callbacks.attachInstance(id, processInstanceKey); // first: the outbox then knows it started
        if (conflicting.isPresent()) {
            throw CamundaError.jobError("Callback " + callbackId + " is already handled by process instance "
                    + conflicting.get() + "; this instance is a duplicate and can be cancelled", null, 0);
        }
        List<String> problems = new ArrayList<>();
        if (rulesOutput == null) {
            problems.add("the abandoned-call-rules decision matched no row for queue '" + InputRule.forLog(queue) + "'");
        } else {
            AbandonRules.outputProblems(rulesOutput).forEach(p -> problems.add("abandoned-call-rules: " + p));
        }
        if (!problems.isEmpty()) {
            throw CamundaError.jobError("Settings for queue '" + InputRule.forLog(queue) + "' cannot be used: "
                    + String.join("; ", problems), null, 0);
        }
        AbandonRules rules = settings.rules(rulesOutput);
        if (!rules.calledBack(holdTimeSeconds)) {
            settings.storeRules(id, rules);
            CallbackStatus end = Boolean.TRUE.equals(rules.enabled()) ? CallbackStatus.NOT_ELIGIBLE : CallbackStatus.DISABLED;
            ends.record(new EndVariables(callbackId, end.name(), origin, queue, abandonedAt, holdTimeSeconds, rules,
                    null, null, null, null, null, null));
            return Map.of();
        }
        return policyDecided ? settings.applyDialPolicy(id, origin, queue, rules, policyOutput, abandonedAt) : Map.of();
    }
}
