package io.ringback.process.worker;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.ringback.agent.AgentClaims;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.process.QueueSettings;
import io.ringback.support.CallbackLogContext;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code claim-agent}: checks agent availability and claims an agent idle long enough.
 * Returns {@code agentClaimed}, {@code agentWaitSeconds} (an agent is free but not idle long
 * enough yet) and {@code claimedAgent} (the agent's name, for display).
 */
@Component
public class ClaimAgentWorker {

    private final AgentClaims claims;

    ClaimAgentWorker(AgentClaims claims) {
        this.claims = claims;
    }

    @JobWorker(type = JobTypes.CLAIM_AGENT)
    public Map<String, Object> claim(ActivatedJob job, @Variable String callbackId, @Variable String queue,
                                     @Variable QueueSettings settings) {
        try (var log = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            var result = claims.claim(UUID.fromString(callbackId), queue, settings.agentIdleSeconds());
            Map<String, Object> vars = new HashMap<>();
            vars.put("agentClaimed", result.claimed());
            vars.put("agentWaitSeconds", result.waitSeconds());
            vars.put("claimedAgent", result.agentName());
            return vars;
        }
    }
}
