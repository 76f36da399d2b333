package io.ringback.scheduled;

import io.ringback.callback.CallbackRepository.CallbackChange;
import io.ringback.callback.CallbackStatus;
import io.ringback.scheduled.CallbackSchedules.Schedule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/** What the API shows of scheduled callbacks: lists with masked numbers, one callback with its number. */
public final class ScheduledCallbackViews {

    private ScheduledCallbackViews() {}

    /**
     * The window in the customer's zone and as instants.
     *
     * @param note set when a local time happens twice in the zone (clocks go back) and says which was taken
     */
    public record WindowView(String timeZone, LocalDateTime start, LocalDateTime end, String startOffset,
                             String endOffset, Instant startInstant, Instant endInstant, String note) {

        public static WindowView of(ScheduledWindow w) {
            return new WindowView(w.zone().getId(), w.startLocal(), w.endLocal(), w.startOffset().getId(),
                    w.endOffset().getId(), w.start(), w.end(), note(w));
        }

        private static String note(ScheduledWindow w) {
            StringBuilder note = new StringBuilder();
            for (var local : List.of(w.startLocal(), w.endLocal())) {
                var offsets = w.zone().getRules().getValidOffsets(local);
                if (offsets.size() > 1) {
                    if (!note.isEmpty()) {
                        note.append(' ');
                    }
                    note.append(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(local)).append(" happens twice in ")
                            .append(w.zone().getId()).append(" (the clocks go back): the earlier one, at ")
                            .append(ScheduledCallbackRules.offset(offsets.getFirst())).append(", was taken.");
                }
            }
            return note.isEmpty() ? null : note.toString();
        }
    }

    /**
     * A sticky callback's owner (SPEC §4).
     *
     * @param agent the owner agent's user id, or null
     * @param group the owner group, or null
     * @param owner for display and the KPI: the agent, or {@code group:<name>}
     * @param waitSeconds this callback's own owner wait; null: the queue's dial policy's
     */
    public record OwnerView(String agent, String group, String owner, Integer waitSeconds) {
        static OwnerView of(ScheduledCallbackRow row) {
            var target = row.target();
            return target.hasOwner() ? new OwnerView(row.ownerAgent(), row.ownerGroup(), target.owner(),
                    row.ownerWaitSeconds()) : null;
        }
    }

    /** A scheduled callback in a list: the number masked; {@code owner} null when any agent of the queue takes it. */
    public record Summary(UUID id, String protocol, CallbackStatus status, String phoneNumberMasked, String recipientName,
                          String queue, OwnerView owner, WindowView window, String createdBy, boolean changeable,
                          Instant createdAt, Instant endedAt) {}

    /**
     * One scheduled callback with everything known of it.
     *
     * @param changeable whether it may still be changed or deleted (the window has not started, it has not ended)
     * @param warnings on creation: other callbacks already open for the number
     */
    public record Detail(UUID id, String protocol, CallbackStatus status, String phoneNumber, String phoneNumberAsGiven,
                         String recipientName, String queue, OwnerView owner, WindowView window, String reason,
                         String createdBy,
                         String cancelledBy, String endReason, Long processInstanceKey, boolean changeable,
                         Instant createdAt, Instant updatedAt, Instant endedAt, List<ChangeView> history,
                         List<String> warnings) {}

    public record ChangeView(Instant at, String by, String change, String detail) {
        static ChangeView of(CallbackChange c) {
            return new ChangeView(c.at(), c.by(), c.change().name(), c.detail());
        }
    }

    /** A queue's schedule ("escala"): when it takes scheduled callbacks, with how many attempts how far apart. */
    public record ScheduleView(String queue, String timeCondition, String timeZone, int maxAttempts,
                               long retryIntervalSeconds, List<OpeningView> openings) {
        static ScheduleView of(Schedule s) {
            return new ScheduleView(s.queue(), s.timeCondition(), s.timeZone(), s.maxAttempts(), s.retryIntervalSeconds(),
                    s.openings().stream().map(o -> new OpeningView(o.start(), o.end(), o.startInstant(), o.endInstant()))
                            .toList());
        }
    }

    /** From {@code start} to {@code end} in the schedule's zone, and as instants. */
    public record OpeningView(LocalDateTime start, LocalDateTime end, Instant startInstant, Instant endInstant) {}
}
