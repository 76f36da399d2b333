package io.ringback.process;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Questions about process instances that only the engine can answer. */
@Component
public class ProcessInstances {

    private static final Logger log = LoggerFactory.getLogger(ProcessInstances.class);

    private final CamundaClient client;

    public ProcessInstances(CamundaClient client) {
        this.client = client;
    }

    /**
     * Whether the process instance still exists (active, possibly with an incident). Asked by
     * setting no variables on it, which the engine refuses with NOT_FOUND for an instance that ended
     * or was cancelled; works the same on the in-memory engine and on a cluster. When the engine
     * cannot answer, the instance is taken as alive: nothing is closed on a hiccup.
     */
    public boolean exists(long processInstanceKey) {
        if (processInstanceKey <= 0) {
            return false;
        }
        try {
            client.newSetVariablesCommand(processInstanceKey).variables(Map.of()).send().join();
            return true;
        } catch (ClientStatusException e) {
            if (e.getStatusCode() == Status.Code.NOT_FOUND) {
                return false;
            }
            log.warn("Could not ask the engine whether process instance {} exists: {}", processInstanceKey, e.toString());
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not ask the engine whether process instance {} exists: {}", processInstanceKey, e.toString());
            return true;
        }
    }
}
