package io.ringback.worker;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.ringback.agent.AgentClaims;
import io.ringback.callback.CallbackRepository;
import io.ringback.callback.TargetAgents;
import io.ringback.callback.OwnerWaitExpiries;
import io.ringback.callback.CallbackRepository.Waiting;
import io.ringback.process.CallbackProcess.Errors;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.process.CallTarget;
import io.ringback.process.DialPolicy;
import io.ringback.directory.AgentDirectory;
import io.ringback.support.CallbackLogContext;
import io.ringback.telephony.AmiConnection;
import io.ringback.timecondition.TimeConditionCalendar;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code claim-agent}: checks agent availability and claims an agent idle long enough, in the
 * order the callbacks' attempts became due. Returns {@code agentClaimed}, {@code agentWaitSeconds}
 * (an agent is free but not idle long enough yet) and {@code claimedAgent} (for display). With the
 * AMI link down nothing can be dialed and agent states are unknown: BPMN error
 * {@code PBX_UNAVAILABLE}, and the model waits for the PBX (any claim of the callback is released).
 *
 * <p>The target comes from {@code dialPolicy.target}: every member of the queue, or only the members
 * answering on an interface of the group's agents or of the one agent (from the agent directory). An
 * agent or group nobody answers for leaves the callback waiting, with a warning, until the directory
 * knows them or the deadline passes. After {@code dialPolicy.deadline} nobody is claimed (no attempt
 * starts after it, even when the call process began late). A {@code dialPolicy} the calling process
 * composed wrongly (an empty target queue, a deadline that is not an instant) is an incident naming it.
 *
 * <p>A target with an owner (an agent or a group, SPEC §4) also returns {@code ownerWaitUntil}: the
 * first time the callback is due plus {@code dialPolicy.ownerWaitSeconds} — the model waits for the
 * owner until then and then releases the callback ({@code release-owner}). An owner who is no longer
 * in the directory gives {@code ownerWaitUntil} = now: released at once.
 */
@Component
public class ClaimAgentWorker {

    private static final Logger log = LoggerFactory.getLogger(ClaimAgentWorker.class);

    private final AgentClaims claims;
    private final AgentDirectory directory;
    private final TargetAgents targetAgents;
    private final CallbackRepository callbacks;
    private final OwnerWaitExpiries expiries;
    private final AmiConnection ami;
    private final TimeConditionCalendar timeConditions;
    private final IdleHolds holds;
    private final Clock clock;

    ClaimAgentWorker(AgentClaims claims, AgentDirectory directory, TargetAgents targetAgents,
                     CallbackRepository callbacks, OwnerWaitExpiries expiries, AmiConnection ami,
                     TimeConditionCalendar timeConditions, IdleHolds holds, Clock clock) {
        this.claims = claims;
        this.directory = directory;
        this.targetAgents = targetAgents;
        this.callbacks = callbacks;
        this.expiries = expiries;
        this.ami = ami;
        this.timeConditions = timeConditions;
        this.holds = holds;
        this.clock = clock;
    }

    /**
     * Claims an agent or says how long to wait. A short wait for an agent's idle time is held here rather
     * than handed to the model's timer: the engine fires a timer up to a second and more after it is due,
     * and the agent's idle time reached is the moment to dial (SPEC §3, agent idle time: "an agent becomes
     * available: wait this long, then dial again"). The job stays activated while it is held (at most
     * {@code ringback.agents.idle-hold}, never closer than {@link IdleHolds#MARGIN} to the job's deadline);
     * at the end of the hold the claim is made again and the job completed with that result. A hold lost to a crash ends with the job's
     * timeout: the engine hands the job out again and the claim is made afresh (a claim already made is
     * kept, {@link AgentClaims#claim}).
     */
    @JobWorker(type = JobTypes.CLAIM_AGENT, autoComplete = false, timeout = IdleHolds.JOB_TIMEOUT_MS)
    public void claim(ActivatedJob job, @Variable String callbackId, @Variable(optional = true) Object dialPolicy,
                      @Variable(optional = true) String ownerWaitUntil,
                      @Variable(optional = true) Boolean ownerReleased) {
        Map<String, Object> vars = check(job, callbackId, dialPolicy, ownerWaitUntil, ownerReleased);
        IdleHolds.Claim again = new IdleHolds.Claim() {
            @Override
            public boolean mayDialAt(Instant moment) {
                DialPolicy policy = DialPolicy.from(dialPolicy);
                return !moment.isAfter(policy.deadlineInstant())
                        && timeConditions.isOpen(policy.timeCondition(), ZoneId.of(policy.timeZone()), moment);
            }

            @Override
            public Map<String, Object> again(Map<String, Object> last) {
                return claimAgain(job, callbackId, dialPolicy, last, ownerReleased);
            }
        };
        if (!holds.hold(job, vars, clock.millis(), again)) {
            holds.complete(job, vars);
        }
    }

    /**
     * The end of a hold. Anything that goes wrong here (the PBX gone, the database) completes the job with
     * the wait it had: the model's timer then fires at once and the claim runs again on the usual path,
     * with its usual errors and retries.
     */
    private Map<String, Object> claimAgain(ActivatedJob job, String callbackId, Object dialPolicy,
                                           Map<String, Object> last, Boolean ownerReleased) {
        try {
            return check(job, callbackId, dialPolicy, (String) last.get("ownerWaitUntil"), ownerReleased);
        } catch (RuntimeException failed) {
            try (var logContext = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
                log.warn("Callback {}: the claim after the agent's idle time failed; the model checks again: {}",
                        callbackId, failed.toString());
            }
            return IdleHolds.waitOver(last);
        }
    }

    private Map<String, Object> check(ActivatedJob job, String callbackId, Object dialPolicy, String ownerWaitUntil,
                                      Boolean ownerReleased) {
        try (var logContext = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            // an empty or unknown target would wait for nobody until the deadline
            DialPolicy policy;
            try {
                policy = DialPolicy.from(dialPolicy).requireUsableForCall();
            } catch (RuntimeException unusable) {
                // an incident: the callback no longer waits for an agent, and callbacks due after it do not wait behind it
                notWaiting(callbackId);
                throw unusable;
            }
            UUID id = UUID.fromString(callbackId);
            if (clock.instant().isAfter(policy.deadlineInstant())) {
                // no new attempt after the deadline: nobody is claimed, the model waits and its deadline timer ends the call
                claims.release(id);
                log.info("Callback {}: the deadline {} has passed; no new attempt", callbackId, policy.deadline());
                Map<String, Object> none = new HashMap<>();
                none.put("agentClaimed", false);
                none.put("agentWaitSeconds", 0);
                none.put("claimedAgent", null);
                return none;
            }
            if (!ami.isConnected()) {
                claims.release(id);
                callbacks.setWaiting(id, Waiting.PBX);
                throw CamundaError.bpmnError(Errors.PBX_UNAVAILABLE,
                        "The AMI link to the PBX is down (" + ami.state() + "); waiting for it");
            }
            Instant now = clock.instant();
            callbacks.askingForAgent(id, now);
            Instant dueAt = callbacks.find(id).map(c -> c.dueAt()).orElse(now);
            CallTarget target = policy.target();
            Map<String, Object> vars = new HashMap<>();
            if (target.hasOwner()) {
                // the owner wait starts the first time the callback is due; an owner who left the company releases it now
                Instant until = ownerWaitUntil != null ? Instant.parse(ownerWaitUntil)
                        : now.plusSeconds(policy.ownerWait());
                if (target.agent() != null && !target.agent().isBlank() && !directory.exists(target.agent())) {
                    log.warn("Callback {}: its owner {} is not in the agent directory any more; releasing it", id,
                            target.agent());
                    until = now;
                }
                vars.put("ownerWaitUntil", until.toString());
            }
            int ahead = callbacks.waitingAhead(id, target, dueAt);
            var result = claims.claim(id, targetAgents.ofWarningWhenNobody(target), policy.agentIdleSeconds(), ahead);
            callbacks.setWaiting(id, result.claimed() ? null : Waiting.AGENT);
            if (result.claimed() && Boolean.TRUE.equals(ownerReleased)) {
                // a callback its owner released: who took it (the user id when the directory knows them)
                String takenBy = directory.byInterface(result.agentInterface()).map(a -> a.userId())
                        .orElse(result.agentName());
                expiries.takenBy(id, takenBy, now);
            }
            vars.put("agentClaimed", result.claimed());
            // seconds to the millisecond (1.234): the model's timer is PT<agentWaitSeconds>S
            vars.put("agentWaitSeconds", BigDecimal.valueOf(result.idleWait().toMillis(), 3));
            vars.put("claimedAgent", result.agentName());
            return vars;
        }
    }

    private void notWaiting(String callbackId) {
        try {
            callbacks.setWaiting(UUID.fromString(callbackId), null);
        } catch (IllegalArgumentException notAnId) {
            // nothing to record for a callback id that is none
        }
    }
}
