package io.ringback.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.exception.CamundaError;
import io.ringback.callback.CallbackRepository;
import io.ringback.history.CallHistory;
import io.ringback.history.HistoryProperties;
import io.ringback.process.AbandonRules;
import io.ringback.process.DialPolicy;
import io.ringback.support.InputRule;
import io.ringback.support.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The dial policy of a callback of an abandoned call that is called back: checked as the decision gave it
 * (an unusable one is an incident naming each problem), stored on the callback with the rules that
 * applied and the deadline they give (abandon + time limit), and, for a sticky queue, the callback's
 * owner looked up. Returns the variables {@code expiresAt} and {@code ownerAgent}.
 */
@Component
class AbandonedCallSettings {

    private static final Logger log = LoggerFactory.getLogger(AbandonedCallSettings.class);

    private final CallbackRepository callbacks;
    private final CallHistory history;
    private final HistoryProperties historyProperties;
    private final PhoneNumbers phones;
    private final Clock clock;
    private final ObjectMapper json;

    AbandonedCallSettings(CallbackRepository callbacks, CallHistory history, HistoryProperties historyProperties,
                          PhoneNumbers phones, Clock clock, ObjectMapper json) {
        this.callbacks = callbacks;
        this.history = history;
        this.historyProperties = historyProperties;
        this.phones = phones;
        this.clock = clock;
        this.json = json;
    }

    /** The rules as the decision gave them, already checked by {@code register-callback}. */
    AbandonRules rules(Map<String, Object> rulesOutput) {
        return json.convertValue(rulesOutput, AbandonRules.class);
    }

    /** Stores the rules of a callback that is not called back (no dial policy applies to it). */
    void storeRules(UUID id, AbandonRules rules) throws JsonProcessingException {
        callbacks.storeSettings(id, json.writeValueAsString(Map.of("abandonRules", rules)), null);
    }

    /** Checks and stores the dial policy; {@code expiresAt} and {@code ownerAgent} for the model. */
    Map<String, Object> applyDialPolicy(UUID id, String origin, String queue, AbandonRules rules,
                                        Map<String, Object> policyOutput, String abandonedAt)
            throws JsonProcessingException {
        List<String> problems = policyOutput == null
                ? List.of("the dial-policy decision matched no row for origin " + origin + " and queue '"
                        + InputRule.forLog(queue) + "'")
                : DialPolicy.outputProblems(policyOutput, true).stream().map(p -> "dial-policy: " + p).toList();
        if (!problems.isEmpty()) {
            throw CamundaError.jobError("Settings for queue '" + InputRule.forLog(queue) + "' cannot be used: "
                    + String.join("; ", problems), null, 0);
        }
        DialPolicy dialPolicy = json.convertValue(policyOutput, DialPolicy.class);
        Instant expiresAt = Instant.parse(abandonedAt).plusSeconds(dialPolicy.timeLimitSeconds())
                .truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> applied = new LinkedHashMap<>();
        applied.put("abandonRules", rules);
        applied.put("dialPolicy", dialPolicy);
        callbacks.storeSettings(id, json.writeValueAsString(applied), expiresAt);
        Map<String, Object> result = new HashMap<>();
        result.put("expiresAt", expiresAt.toString());
        result.put("ownerAgent", rules.stickToLastAgent() ? lastAgent(id).orElse(null) : null);
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
