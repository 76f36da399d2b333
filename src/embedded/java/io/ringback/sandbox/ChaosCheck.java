package io.ringback.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The verdict of a chaos run, from what the orchestrator recorded (database {@code ringback}) and what
 * the simulated PBX saw (every Originate and the end of its call, database {@code asterisk}):
 *
 * <ul>
 *   <li><b>lost</b>: an abandon the run drove that never became (or joined) a callback; a callback not
 *       ended by its time limit plus the margin, or ended {@code ORPHANED} (its instance was gone);
 *   <li><b>double dial</b>: a second Originate for one (callback, attempt); an Originate while another
 *       call of the same callback was still live; an Originate after the callback ended.
 * </ul>
 */
public final class ChaosCheck {

    /** An abandon the run drove: over AMI ({@code ami:<host>}, the PBX's Uniqueid) or the API ({@code api:<source>}). */
    public record Abandon(String source, String uniqueId, Instant at) {}

    public record Verdict(int callbacks, int ended, int lost, int doubleDials, Map<String, Integer> endStates,
                          Map<String, Integer> attemptOutcomes, int originates, List<String> findings) {}

    private record Row(UUID id, String status, Instant endedAt, Instant deadline) {}

    private record Dial(long id, Instant at, String actionId, String callbackId, Integer attempt, Instant endedAt) {}

    private ChaosCheck() {}

    /** The deadline of a callback: its time limit from the abandon ({@code expires_at}), or the run's when not set. */
    public static Verdict check(DataSource orchestrator, DataSource pbx, Collection<Abandon> driven, Duration timeLimit,
                                Duration margin, Instant now) {
        JdbcClient db = JdbcClient.create(orchestrator);
        List<String> findings = new ArrayList<>();
        Map<String, UUID> callbackOfAbandon = new HashMap<>();
        db.sql("select source, unique_id, callback_id from abandon_event").query((rs, n) -> {
            callbackOfAbandon.put(rs.getString(1) + "/" + rs.getString(2), rs.getObject(3, UUID.class));
            return null;
        }).list();
        int lost = 0;
        Set<UUID> ids = new HashSet<>();
        for (Abandon abandon : driven) {
            UUID id = callbackOfAbandon.get(abandon.source() + "/" + abandon.uniqueId());
            if (id == null) {
                lost++;
                findings.add("lost: abandon " + abandon.source() + "/" + abandon.uniqueId() + " at " + abandon.at()
                        + " never became a callback");
            } else {
                ids.add(id);
            }
        }
        Map<UUID, Row> rows = new HashMap<>();
        db.sql("select id, status, ended_at, coalesce(expires_at, abandoned_at + make_interval(secs => ?)) from callback")
                .param(timeLimit.toSeconds())
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), instant(rs.getObject(3, OffsetDateTime.class)),
                        instant(rs.getObject(4, OffsetDateTime.class))))
                .list().forEach(r -> rows.put(r.id(), r));
        int ended = 0;
        Map<String, Integer> endStates = new TreeMap<>();
        for (UUID id : ids) {
            Row row = rows.get(id);
            endStates.merge(row.status(), 1, Integer::sum);
            Instant limit = row.deadline().plus(margin);
            if (row.endedAt() == null) {
                if (now.isAfter(limit)) {
                    lost++;
                    findings.add("lost: callback " + id + " still " + row.status() + " " + Duration.between(row.deadline(), now)
                            .toSeconds() + " s after its time limit");
                } else {
                    findings.add("unfinished: callback " + id + " still " + row.status() + ", time limit not passed");
                }
                continue;
            }
            ended++;
            if (row.status().equals("ORPHANED")) {
                lost++;
                findings.add("lost: callback " + id + " ended ORPHANED (its process instance was gone)");
            } else if (row.endedAt().isAfter(limit)) {
                lost++;
                findings.add("lost: callback " + id + " ended " + row.status() + " only "
                        + Duration.between(row.deadline(), row.endedAt()).toSeconds() + " s after its time limit");
            }
        }

        Map<String, Integer> outcomes = new TreeMap<>();
        db.sql("select coalesce(outcome, 'NONE'), count(*) from callback_attempt group by 1")
                .query((rs, n) -> outcomes.put(rs.getString(1), rs.getInt(2))).list();

        List<Dial> dials = JdbcClient.create(pbx).sql("select id, received_at, action_id, callback_id, attempt, ended_at "
                        + "from " + Sandbox.CALL_JOURNAL_TABLE + " order by received_at, id")
                .query((rs, n) -> new Dial(rs.getLong(1), instant(rs.getObject(2, OffsetDateTime.class)), rs.getString(3),
                        rs.getString(4), (Integer) rs.getObject(5), instant(rs.getObject(6, OffsetDateTime.class))))
                .list();
        int doubles = 0;
        Map<String, List<Dial>> byCallback = dials.stream().filter(d -> d.callbackId() != null)
                .collect(Collectors.groupingBy(Dial::callbackId));
        for (var entry : byCallback.entrySet()) {
            List<Dial> calls = entry.getValue();
            Set<Integer> attempts = new HashSet<>();
            for (int i = 0; i < calls.size(); i++) {
                Dial dial = calls.get(i);
                if (!attempts.add(dial.attempt())) {
                    doubles++;
                    findings.add("double dial: attempt " + dial.attempt() + " of callback " + entry.getKey()
                            + " originated again at " + dial.at());
                    continue;
                }
                for (int j = 0; j < i; j++) {
                    Dial earlier = calls.get(j);
                    if (earlier.endedAt() == null || earlier.endedAt().isAfter(dial.at())) {
                        doubles++;
                        findings.add("double dial: attempt " + dial.attempt() + " of callback " + entry.getKey()
                                + " originated at " + dial.at() + " while attempt " + earlier.attempt() + " was live (ended "
                                + earlier.endedAt() + ")");
                        break;
                    }
                }
                Row row = rows.get(UUID.fromString(entry.getKey()));
                if (row != null && row.endedAt() != null && dial.at().isAfter(row.endedAt())) {
                    doubles++;
                    findings.add("double dial: attempt " + dial.attempt() + " of callback " + entry.getKey()
                            + " originated at " + dial.at() + " after the callback ended " + row.status() + " at " + row.endedAt());
                }
            }
        }
        long unknown = dials.stream().filter(d -> d.callbackId() == null).count();
        if (unknown > 0) {
            findings.add("note: " + unknown + " Originate(s) without a callback id");
        }
        return new Verdict(ids.size(), ended, lost, doubles, endStates, outcomes, dials.size(), findings);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
