package io.ringback.process.worker;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.ringback.process.CallbackProcess.JobTypes;
import io.ringback.process.QueueSettings;
import io.ringback.support.CallbackLogContext;
import io.ringback.timecondition.TimeConditionCalendar;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code find-next-opening}: when the time condition is closed, returns {@code nextOpeningAt}, the
 * next minute it opens, or {@code expiresAt} when it stays closed until the time limit (then the
 * time-limit timer ends the callback).
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
    public Map<String, Object> find(ActivatedJob job, @Variable String callbackId, @Variable QueueSettings settings,
                                    @Variable String expiresAt) {
        try (var log = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
            Instant deadline = Instant.parse(expiresAt);
            Instant next = calendar.nextOpening(settings.timeCondition(), ZoneId.of(settings.timeZone()),
                    clock.instant(), deadline).orElse(deadline);
            return Map.of("nextOpeningAt", next.toString());
        }
    }
}
