package io.ringback.worker;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.ringback.callback.OwnerWaitExpiries;
import io.ringback.callback.OwnerWaitExpiries.Reason;
import io.ringback.directory.AgentDirectory;
import io.ringback.process.CallTarget;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.process.DialPolicy;
import io.ringback.support.CallbackLogContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code release-owner}: the owner wait of a sticky callback ended (or its owner left the directory):
 * records the expiry — the owner, when, why; who takes the call is added when it is claimed — counts it
 * for the KPI, and returns {@code dialPolicy} with the queue as its target, {@code ownerReleased} true
 * and {@code ownerWaitUntil} null. From then on the first free agent of the queue takes the callback.
 */
@Component
public class ReleaseOwnerWorker {

    private static final Logger log = LoggerFactory.getLogger(ReleaseOwnerWorker.class);

    private final OwnerWaitExpiries expiries;
    private final AgentDirectory directory;
    private final Clock clock;

    ReleaseOwnerWorker(OwnerWaitExpiries expiries, AgentDirectory directory, Clock clock) {
        this.expiries = expiries;
        this.directory = directory;
        this.clock = clock;
    }

    @JobWorker(type = JobTypes.RELEASE_OWNER)
    public Map<String, Object> release(ActivatedJob job, @Variable String callbackId, @Variable DialPolicy dialPolicy) {
        try (var logContext = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            CallTarget target = dialPolicy.target();
            Map<String, Object> vars = new HashMap<>();
            vars.put("ownerWaitUntil", null);
            if (target.hasOwner()) {
                boolean removed = target.agent() != null && !target.agent().isBlank() && !directory.exists(target.agent());
                Reason reason = removed ? Reason.OWNER_REMOVED : Reason.WAIT_ENDED;
                if (expiries.expired(UUID.fromString(callbackId), target.owner(), reason, clock.instant())) {
                    log.info("Callback {} released by its owner {} ({}): the first free agent of queue {} takes it",
                            callbackId, target.owner(), reason, target.queue());
                }
                vars.put("dialPolicy", dialPolicy.withTarget(CallTarget.queue(target.queue())));
                vars.put("ownerReleased", true);
            }
            return vars;
        }
    }
}
