package io.ringback.worker;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.process.DialPolicy;
import io.ringback.support.CallbackLogContext;
import io.ringback.timecondition.TimeConditionCalendar;
import io.ringback.timecondition.TimeConditionCalendar.UnknownTimeConditionException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code find-next-opening}: when the time condition is closed, returns {@code nextOpeningAt}, the
 * next minute it opens by the deployed {@code callback-time-condition} decision (the version the
 * engine evaluates), or {@code dialPolicy.deadline} when it stays closed until then (the time-limit timer
 * then ends the call). A time condition the decision has no row for is an incident naming it: it
 * would otherwise never open.
 */
@Component
public class FindNextOpeningWorker {

    private final TimeConditionCalendar calendar;
    private final Clock clock;

    FindNextOpeningWorker(TimeConditionCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    @JobWorker(type = JobTypes.FIND_NEXT_OPENING)
    public Map<String, Object> find(ActivatedJob job, @Variable String callbackId, @Variable(optional = true) Object dialPolicy) {
        try (var log = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            DialPolicy policy = DialPolicy.from(dialPolicy).requireUsableForCall();
            Instant until = policy.deadlineInstant();
            try {
                Instant next = calendar.nextOpening(policy.timeCondition(), ZoneId.of(policy.timeZone()),
                        clock.instant(), until).orElse(until);
                return Map.of("nextOpeningAt", next.toString());
            } catch (UnknownTimeConditionException e) {
                throw CamundaError.jobError(e.getMessage(), null, 0);
            }
        }
    }
}
