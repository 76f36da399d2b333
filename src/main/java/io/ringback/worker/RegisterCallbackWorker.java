package io.ringback.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.ringback.callback.CallbackRepository;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.process.QueueSettings;
import io.ringback.support.CallbackLogContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code register-callback}: links the callback to its process instance, stores the settings that
 * applied and returns {@code expiresAt} (abandon + time limit). Unusable settings raise an
 * incident naming the problem (the callback stays linked to its instance, waiting), so the
 * analyst can fix the decision and retry.
 */
@Component
public class RegisterCallbackWorker {

    private final CallbackRepository callbacks;
    private final ObjectMapper json;

    RegisterCallbackWorker(CallbackRepository callbacks, ObjectMapper json) {
        this.callbacks = callbacks;
        this.json = json;
    }

    @JobWorker(type = JobTypes.REGISTER_CALLBACK)
    public Map<String, Object> register(ActivatedJob job, @Variable String callbackId, @Variable String queue,
                                        @Variable QueueSettings settings, @Variable String abandonedAt)
            throws JsonProcessingException {
        try (var log = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            return register(job.getProcessInstanceKey(), callbackId, queue, settings, abandonedAt);
        }
    }

    private Map<String, Object> register(long processInstanceKey, String callbackId, String queue,
                                         QueueSettings settings, String abandonedAt) throws JsonProcessingException {
        UUID id = UUID.fromString(callbackId);
        var conflicting = callbacks.attachInstance(id, processInstanceKey); // first: the outbox then knows it started
        if (conflicting.isPresent()) {
            throw CamundaError.jobError("Callback " + callbackId + " is already handled by process instance "
                    + conflicting.get() + "; this instance is a duplicate and can be cancelled", null, 0);
        }
        var problems = settings == null ? java.util.List.of("no settings (the queue-settings decision matched no row)")
                : settings.problems();
        if (!problems.isEmpty()) {
            throw CamundaError.jobError("Queue settings for queue '" + queue + "' cannot be used: "
                    + String.join("; ", problems), null, 0);
        }
        Instant expiresAt = Instant.parse(abandonedAt).plusSeconds(settings.timeLimitSeconds())
                .truncatedTo(ChronoUnit.SECONDS);
        callbacks.storeSettings(id, json.writeValueAsString(settings), expiresAt);
        return Map.of("expiresAt", expiresAt.toString());
    }
}
