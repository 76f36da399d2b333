package io.ringback.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The dial policy the deployed {@code dial-policy} decision gives an origin and a queue, asked of the
 * engine (the version its business rule tasks evaluate). For checking a request before it is accepted
 * (is there a policy for scheduled callbacks of this queue?) and for showing what will apply; the
 * model evaluates the decision itself when it calls the customer.
 */
@Component
public class DialPolicies {

    private final CamundaClient client;
    private final ObjectMapper json;

    DialPolicies(CamundaClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /** The policy, or empty when no row matches this origin and queue. */
    public Optional<DialPolicy> lookup(String origin, String queue) {
        var response = client.newEvaluateDecisionCommand().decisionId(CallbackProcess.Decisions.DIAL_POLICY)
                .variables(Map.of("origin", origin, "queue", queue)).send().join();
        String output = response.getDecisionOutput();
        if (output == null || output.isBlank() || output.equals("null")) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(output, DialPolicy.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the dial-policy decision gave an output that is not a dial policy: " + output, e);
        }
    }
}
