package io.ringback.scheduled;

import io.ringback.callback.CallbackOrigin;
import io.ringback.process.DialPolicies;
import io.ringback.process.DialPolicy;
import io.ringback.timecondition.TimeConditionCalendar;
import io.ringback.timecondition.TimeConditionCalendar.OpenPeriod;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The callback schedules ("escalas") of a queue: when it takes scheduled callbacks, with how many
 * attempts and how far apart. They are not a table of their own: the {@code dial-policy} decision's row
 * for origin {@code SCHEDULED} and the queue names a time condition (days of operation, opening and
 * closing hours, holidays: {@code callback-time-condition}), its zone, the attempts and the time
 * between them — the same rows the model follows when it calls, so what the agent is shown and what
 * happens cannot differ. Administrators change them in Camunda Modeler (docs/dial-policy.md).
 */
@Service
public class CallbackSchedules {

    private final DialPolicies policies;
    private final TimeConditionCalendar calendar;

    CallbackSchedules(DialPolicies policies, TimeConditionCalendar calendar) {
        this.policies = policies;
        this.calendar = calendar;
    }

    /** One stretch of time in which the queue takes scheduled callbacks, in the schedule's zone and as instants. */
    public record Opening(LocalDateTime start, LocalDateTime end, Instant startInstant, Instant endInstant) {}

    /**
     * @param timeCondition the name in {@code callback-time-condition}
     * @param timeZone the zone its hours are read in
     * @param openings from now, in order
     */
    public record Schedule(String queue, String timeCondition, String timeZone, int maxAttempts,
                           long retryIntervalSeconds, List<Opening> openings) {

        /** The opening that holds the whole window, if one does. */
        Optional<Opening> holding(ScheduledWindow window) {
            return openings.stream().filter(o -> !window.start().isBefore(o.startInstant())
                    && !window.end().isAfter(o.endInstant())).findFirst();
        }

        /** The openings on the window's day (in the schedule's zone), for saying why a window does not fit. */
        List<Opening> onDayOf(ScheduledWindow window) {
            var day = window.start().atZone(ZoneId.of(timeZone)).toLocalDate();
            return openings.stream().filter(o -> o.start().toLocalDate().equals(day)).toList();
        }
    }

    /** The queue has no dial policy for scheduled callbacks, or one that cannot be used. */
    public static final class NoScheduleException extends RuntimeException {
        NoScheduleException(String message) {
            super(message);
        }
    }

    /**
     * The queue's schedule from {@code from} for {@code days} days.
     *
     * @throws NoScheduleException when the dial-policy decision has no usable row for scheduled callbacks of the queue
     */
    public Schedule of(String queue, Instant from, int days) {
        DialPolicy policy = policies.lookup(CallbackOrigin.SCHEDULED.name(), queue).orElseThrow(() ->
                new NoScheduleException("queue " + queue + " takes no scheduled callbacks: the dial-policy decision has "
                        + "no row for origin SCHEDULED and this queue"));
        List<String> problems = policy.problems(false);
        if (!problems.isEmpty()) {
            throw new NoScheduleException("the dial policy for scheduled callbacks of queue " + queue
                    + " cannot be used: " + String.join("; ", problems));
        }
        ZoneId zone = ZoneId.of(policy.timeZone());
        // whole minutes, as the openings' starts: an opening the horizon cuts short ends on a minute, not at now's nanosecond
        Instant until = from.plus(Duration.ofDays(days)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        List<Opening> openings = calendar.openPeriods(policy.timeCondition(), zone, from, until)
                .stream().map(p -> opening(p, zone)).toList();
        return new Schedule(queue, policy.timeCondition(), policy.timeZone(), policy.maxAttempts(),
                policy.retryIntervalSeconds(), openings);
    }

    private static Opening opening(OpenPeriod period, ZoneId zone) {
        return new Opening(LocalDateTime.ofInstant(period.start(), zone), LocalDateTime.ofInstant(period.end(), zone),
                period.start(), period.end());
    }
}
