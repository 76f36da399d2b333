package io.ringback.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.ringback.callback.CallbackRepository;
import io.ringback.history.CallHistory;
import io.ringback.history.HistoryProperties;
import io.ringback.process.AbandonRules;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.process.DialPolicy;
import io.ringback.support.CallbackLogContext;
import io.ringback.support.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code register-callback}: links the callback to its process instance, stores the rules and the
 * dial policy that applied and returns {@code expiresAt} (abandon + time limit). Unusable rules or
 * policy raise an incident naming the problem (the callback stays linked to its instance, waiting),
 * so the analyst can fix the decision and retry. When the queue's rules make callbacks sticky
 * ({@code abandonRules.ownerIsLastAgent}), also returns {@code ownerAgent}: the last agent who spoke with
 * the caller ({@link CallHistory}, within {@code ringback.history.last-agent-look-back}), or null.
 * The decisions' outputs are checked as the engine gives
 * them, before Java reads them ({@link DialPolicy#outputProblems}): a number typed in quotes is refused
 * here, not read as a number here and as text by the model's gateways.
 */
@Component
public class RegisterCallbackWorker {

    private static final Logger log = LoggerFactory.getLogger(RegisterCallbackWorker.class);

    private final CallbackRepository callbacks;
    private final CallHistory history;
    private final HistoryProperties historyProperties;
    private final PhoneNumbers phones;
    private final Clock clock;
    private final ObjectMapper json;

    RegisterCallbackWorker(CallbackRepository callbacks, CallHistory history, HistoryProperties historyProperties,
                           PhoneNumbers phones, Clock clock, ObjectMapper json) {
        this.callbacks = callbacks;
        this.history = history;
        this.historyProperties = historyProperties;
        this.phones = phones;
        this.clock = clock;
        this.json = json;
    }

    @JobWorker(type = JobTypes.REGISTER_CALLBACK)
    public Map<String, Object> register(ActivatedJob job, @Variable String callbackId, @Variable String queue,
                                        @Variable String origin,
                                        @Variable(optional = true) Map<String, Object> abandonRules,
                                        @Variable(optional = true) Map<String, Object> dialPolicy, @Variable String abandonedAt,
                                        @Variable int holdTimeSeconds)
            throws JsonProcessingException {
        try (var logContext = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            return register(job.getProcessInstanceKey(), callbackId, queue, origin, abandonRules, dialPolicy, abandonedAt,
                    holdTimeSeconds);
        }
    }

    private Map<String, Object> register(long processInstanceKey, String callbackId, String queue, String origin,
                                         Map<String, Object> rulesOutput, Map<String, Object> policyOutput,
                                         String abandonedAt, int holdTimeSeconds)
            throws JsonProcessingException {
        UUID id = UUID.fromString(callbackId);
        var conflicting = callbacks.attachInstance(id, processInstanceKey); // first: the outbox then knows it started
        if (conflicting.isPresent()) {
            throw CamundaError.jobError("Callback " + callbackId + " is already handled by process instance "
                    + conflicting.get() + "; this instance is a duplicate and can be cancelled", null, 0);
        }
        List<String> problems = new ArrayList<>();
        AbandonRules abandonRules = null;
        if (rulesOutput == null) {
            problems.add("the abandoned-call-rules decision matched no row for queue '" + queue + "'");
        } else {
            AbandonRules.outputProblems(rulesOutput).forEach(p -> problems.add("abandoned-call-rules: " + p));
            if (problems.isEmpty()) {
                abandonRules = json.convertValue(rulesOutput, AbandonRules.class);
            }
        }
        boolean called = abandonRules == null || abandonRules.calledBack(holdTimeSeconds);
        if (!called) { // disabled, or the caller did not wait long enough: the dial policy does not apply
            callbacks.storeSettings(id, json.writeValueAsString(Map.of("abandonRules", abandonRules)), null);
            return Map.of();
        }
        if (policyOutput == null) {
            problems.add("the dial-policy decision matched no row for origin " + origin + " and queue '" + queue + "'");
        } else {
            DialPolicy.outputProblems(policyOutput, true).forEach(p -> problems.add("dial-policy: " + p));
        }
        if (!problems.isEmpty()) {
            throw CamundaError.jobError("Settings for queue '" + queue + "' cannot be used: "
                    + String.join("; ", problems), null, 0);
        }
        DialPolicy dialPolicy = json.convertValue(policyOutput, DialPolicy.class);
        Instant expiresAt = Instant.parse(abandonedAt).plusSeconds(dialPolicy.timeLimitSeconds())
                .truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> applied = new LinkedHashMap<>();
        applied.put("abandonRules", abandonRules);
        applied.put("dialPolicy", dialPolicy);
        callbacks.storeSettings(id, json.writeValueAsString(applied), expiresAt);
        Map<String, Object> result = new HashMap<>();
        result.put("expiresAt", expiresAt.toString());
        result.put("ownerAgent", abandonRules.stickToLastAgent() ? lastAgent(id).orElse(null) : null);
        return result;
    }

    /** The owner of a sticky callback: the last agent who spoke with the caller, within the look-back. */
    private Optional<String> lastAgent(UUID id) {
        var callback = callbacks.find(id).orElseThrow();
        var last = history.lastAgentOf(callback.phoneNumber(), clock.instant().minus(historyProperties.lastAgentLookBack()));
        last.ifPresentOrElse(agent -> {
            callbacks.setTarget(id, null, agent.agentUserId());
            log.info("Callback {} belongs to {}, the last agent who spoke with {} ({})", id, agent.agentUserId(),
                    phones.mask(callback.phoneNumber()), agent.at());
        }, () -> log.info("Callback {}: no agent spoke with {} in the last {}; any agent of the queue takes it", id,
                phones.mask(callback.phoneNumber()), historyProperties.lastAgentLookBack()));
        return last.map(CallHistory.LastAgent::agentUserId);
    }
}
