package io.ringback.scheduled;

import io.ringback.callback.CallbackStatus;
import io.ringback.process.CallTarget;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code scheduled_callback} with its {@code callback} row, and the {@code protocol} numbers. */
@Repository
class ScheduledCallbackRepository {

    private static final String SELECT = """
            select c.id, c.status, c.queue, c.phone_number, c.phone_number_display, c.caller_name, c.created_by,
                   c.cancelled_by, c.end_reason, c.process_instance_key, c.created_at, c.updated_at, c.ended_at,
                   c.target_agent, c.target_group, c.owner_wait_seconds,
                   s.window_start_local, s.window_end_local, s.time_zone, s.window_start, s.window_end, s.reason,
                   s.protocol, s.revision
            from callback c join scheduled_callback s on s.callback_id = c.id""";

    private final JdbcClient jdbc;

    ScheduledCallbackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID callbackId, ScheduledWindow window, String reason, String protocol, Integer ownerWaitSeconds) {
        jdbc.sql("""
                insert into scheduled_callback (callback_id, window_start_local, window_end_local, time_zone,
                                                window_start, window_end, reason, protocol)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(callbackId, window.startLocal(), window.endLocal(), window.zone().getId(), ts(window.start()),
                        ts(window.end()), reason, protocol)
                .update();
        jdbc.sql("update callback set expires_at = ?, owner_wait_seconds = ? where id = ?")
                .params(ts(window.end()), ownerWaitSeconds, callbackId).update();
    }

    Optional<ScheduledCallbackRow> find(UUID id) {
        return jdbc.sql(SELECT + " where c.id = ?").param(id).query(ScheduledCallbackRepository::map).optional();
    }

    /** The row, locked until the transaction ends (an edit, a delete and the window opening serialise on it). */
    Optional<ScheduledCallbackRow> lock(UUID id) {
        return jdbc.sql(SELECT + " where c.id = ? for update of c").param(id).query(ScheduledCallbackRepository::map)
                .optional();
    }

    /** Replaces what a user may change; returns the new revision. */
    int update(UUID id, String phoneNumber, String phoneNumberAsGiven, String recipientName, CallTarget target,
               Integer ownerWaitSeconds, ScheduledWindow window, String reason) {
        jdbc.sql("""
                update callback set phone_number = ?, phone_number_display = ?, caller_name = ?, queue = ?,
                       target_agent = ?, target_group = ?, owner_wait_seconds = ?, expires_at = ?, updated_at = now()
                where id = ?""")
                .params(phoneNumber, phoneNumberAsGiven, recipientName, target.queue(), target.agent(), target.group(),
                        ownerWaitSeconds, ts(window.end()), id).update();
        return jdbc.sql("""
                update scheduled_callback set window_start_local = ?, window_end_local = ?, time_zone = ?,
                       window_start = ?, window_end = ?, reason = ?, revision = revision + 1
                where callback_id = ? returning revision""")
                .params(window.startLocal(), window.endLocal(), window.zone().getId(), ts(window.start()),
                        ts(window.end()), reason, id)
                .query(Integer.class).single();
    }

    /** SCHEDULED → PENDING: the window is open and the customer is being called. */
    boolean open(UUID id) {
        return jdbc.sql("update callback set status = 'PENDING', updated_at = now() where id = ? and status = 'SCHEDULED'")
                .param(id).update() == 1;
    }

    /** RECEIVED → SCHEDULED: the instance registered and waits for the window. */
    void scheduled(UUID id) {
        jdbc.sql("update callback set status = 'SCHEDULED', updated_at = now() where id = ? and status = 'RECEIVED'")
                .param(id).update();
    }

    /** The filters of {@code GET /api/scheduled-callbacks}; null means any. */
    record Filter(String phoneNumber, String queue, String createdBy, CallbackStatus status, Instant from, Instant to) {}

    List<ScheduledCallbackRow> search(Filter filter, int limit, int offset) {
        StringBuilder sql = new StringBuilder(SELECT + " where true");
        List<Object> params = new ArrayList<>();
        if (filter.phoneNumber() != null) {
            sql.append(" and c.phone_number = ?");
            params.add(filter.phoneNumber());
        }
        if (filter.queue() != null) {
            sql.append(" and c.queue = ?");
            params.add(filter.queue());
        }
        if (filter.createdBy() != null) {
            sql.append(" and c.created_by = ?");
            params.add(filter.createdBy());
        }
        if (filter.status() != null) {
            sql.append(" and c.status = ?");
            params.add(filter.status().name());
        }
        if (filter.from() != null) {
            sql.append(" and s.window_end > ?");
            params.add(ts(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and s.window_start < ?");
            params.add(ts(filter.to()));
        }
        sql.append(" order by s.window_start, c.id limit ? offset ?");
        params.add(limit);
        params.add(offset);
        return jdbc.sql(sql.toString()).params(params).query(ScheduledCallbackRepository::map).list();
    }

    // ------------------------------------------------------------------ protocol numbers

    /** The protocol of this interaction, creating it with {@code candidate} if it has none yet. */
    String protocolOfInteraction(String interactionId, String candidate) {
        jdbc.sql("insert into protocol (number, interaction_id) values (?, ?) on conflict (interaction_id) do nothing")
                .params(candidate, interactionId).update();
        return jdbc.sql("select number from protocol where interaction_id = ?").param(interactionId)
                .query(String.class).single();
    }

    void insertProtocol(String number) {
        jdbc.sql("insert into protocol (number) values (?)").param(number).update();
    }

    long nextProtocolSequence() {
        return jdbc.sql("select nextval('protocol_number_seq')").query(Long.class).single();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static ScheduledCallbackRow map(ResultSet rs, int row) throws SQLException {
        ZoneId zone = ZoneId.of(rs.getString("time_zone"));
        LocalDateTime startLocal = rs.getObject("window_start_local", LocalDateTime.class);
        LocalDateTime endLocal = rs.getObject("window_end_local", LocalDateTime.class);
        Instant start = instant(rs, "window_start");
        Instant end = instant(rs, "window_end");
        var window = new ScheduledWindow(startLocal, endLocal, zone, start, end, zone.getRules().getOffset(start),
                zone.getRules().getOffset(end));
        return new ScheduledCallbackRow(
                rs.getObject("id", UUID.class),
                CallbackStatus.valueOf(rs.getString("status")),
                rs.getString("queue"),
                rs.getString("phone_number"),
                rs.getString("phone_number_display"),
                rs.getString("caller_name"),
                window,
                rs.getString("reason"),
                rs.getString("protocol"),
                rs.getInt("revision"),
                rs.getString("created_by"),
                rs.getString("cancelled_by"),
                rs.getString("end_reason"),
                rs.getObject("process_instance_key", Long.class),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "ended_at"),
                rs.getString("target_agent"),
                rs.getString("target_group"),
                rs.getObject("owner_wait_seconds", Integer.class));
    }
}
