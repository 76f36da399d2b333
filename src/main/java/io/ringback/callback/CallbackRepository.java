package io.ringback.callback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code callback} and {@code abandon_event} tables. */
@Repository
public class CallbackRepository {

    private static final String COLUMNS = """
            id, origin, queue, phone_number, caller_name, hold_time_seconds, abandoned_at, status, end_reason,
            abandon_count, last_abandon_at, process_instance_key, settings::text as settings, expires_at,
            waiting_for_agent, created_at, updated_at, ended_at""";

    private final JdbcClient jdbc;

    public CallbackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ intake

    public Optional<UUID> callbackOfAbandon(String uniqueId) {
        return jdbc.sql("select callback_id from abandon_event where unique_id = ?")
                .param(uniqueId).query(UUID.class).optional();
    }

    /** The pending callback for this number and queue, locked until the transaction ends. */
    public Optional<UUID> lockPending(String queue, String phoneNumber) {
        return jdbc.sql("select id from callback where queue = ? and phone_number = ? and status = 'PENDING' for update")
                .params(queue, phoneNumber).query(UUID.class).optional();
    }

    public Optional<UUID> findPending(String queue, String phoneNumber) {
        return jdbc.sql("select id from callback where queue = ? and phone_number = ? and status = 'PENDING'")
                .params(queue, phoneNumber).query(UUID.class).optional();
    }

    public void insertReceived(UUID id, String origin, AbandonedCall call, String phoneNumber) {
        jdbc.sql("""
                insert into callback (id, origin, queue, phone_number, caller_name, hold_time_seconds, abandoned_at,
                                      status, last_abandon_at)
                values (?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?)""")
                .params(id, origin, call.queue(), phoneNumber, call.callerName(), call.holdTimeSeconds(),
                        ts(call.abandonedAt()), ts(call.abandonedAt()))
                .update();
    }

    /**
     * Records an abandon; false when this unique id was already recorded (also by a concurrent
     * transaction, which this one then waits for). Never aborts the surrounding transaction.
     */
    public boolean insertAbandonEvent(String uniqueId, UUID callbackId, AbandonedCall call) {
        return jdbc.sql("""
                insert into abandon_event (unique_id, callback_id, queue, hold_time_seconds, abandoned_at)
                values (?, ?, ?, ?, ?) on conflict (unique_id) do nothing""")
                .params(uniqueId, callbackId, call.queue(), call.holdTimeSeconds(), ts(call.abandonedAt()))
                .update() == 1;
    }

    public void countAbandon(UUID callbackId, Instant abandonedAt) {
        jdbc.sql("""
                update callback set abandon_count = abandon_count + 1,
                       last_abandon_at = greatest(last_abandon_at, ?), updated_at = now()
                where id = ?""")
                .params(ts(abandonedAt), callbackId).update();
    }

    /** The unique id of the abandon that created this callback (the start message's id). */
    public Optional<String> firstAbandonId(UUID callbackId) {
        return jdbc.sql("select unique_id from abandon_event where callback_id = ? order by received_at, unique_id limit 1")
                .param(callbackId).query(String.class).optional();
    }

    /** RECEIVED callbacks whose process instance has not registered yet, oldest first. */
    public List<Callback> unstartedSince(Instant createdBefore, int limit) {
        return jdbc.sql("select " + COLUMNS + " from callback"
                        + " where status = 'RECEIVED' and process_instance_key is null and created_at < ?"
                        + " order by created_at limit ?")
                .params(ts(createdBefore), limit).query(CallbackRepository::map).list();
    }

    // ------------------------------------------------------------------ process steps

    /**
     * Links the callback to its process instance. Returns the instance already linked to this
     * callback when it is a different one.
     */
    public Optional<Long> attachInstance(UUID id, long processInstanceKey) {
        int updated = jdbc.sql("""
                update callback set process_instance_key = ?, updated_at = now()
                where id = ? and (process_instance_key is null or process_instance_key = ?)""")
                .params(processInstanceKey, id, processInstanceKey).update();
        if (updated == 1) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("select process_instance_key from callback where id = ?").param(id)
                .query(Long.class).optional().orElseThrow(() -> new IllegalStateException("no callback " + id)));
    }

    /** Stores the settings that applied and the deadline they give. */
    public void storeSettings(UUID id, String settingsJson, Instant expiresAt) {
        jdbc.sql("update callback set settings = cast(? as jsonb), expires_at = ?, updated_at = now() where id = ?")
                .params(settingsJson, ts(expiresAt), id).update();
    }

    /**
     * RECEIVED → PENDING (in its own transaction: the partial unique index decides races). When another callback is already pending for the same number and queue,
     * returns its id and leaves this one RECEIVED (the process then joins it).
     */
    public Optional<UUID> accept(UUID id) {
        try {
            jdbc.sql("update callback set status = 'PENDING', updated_at = now() where id = ? and status = 'RECEIVED'")
                    .param(id).update();
            return Optional.empty();
        } catch (DuplicateKeyException alreadyPending) {
            return jdbc.sql("""
                    select other.id from callback me join callback other
                      on other.queue = me.queue and other.phone_number = me.phone_number and other.status = 'PENDING'
                    where me.id = ?""")
                    .param(id).query(UUID.class).optional();
        }
    }

    /** Ends an open callback; false when it had already ended (a redelivered job). */
    public boolean end(UUID id, CallbackStatus status, String reason) {
        return jdbc.sql("""
                update callback set status = ?, end_reason = ?, ended_at = now(), updated_at = now(), waiting_for_agent = false
                where id = ? and status in ('RECEIVED', 'PENDING')""")
                .params(status.name(), reason, id).update() == 1;
    }

    public void setWaitingForAgent(UUID id, boolean waiting) {
        jdbc.sql("update callback set waiting_for_agent = ?, updated_at = now() where id = ? and waiting_for_agent <> ?")
                .params(waiting, id, waiting).update();
    }

    /** Pending callbacks of a queue that wait for an agent, oldest abandon first. */
    public List<UUID> waitingForAgent(String queue, int limit) {
        return jdbc.sql("""
                select id from callback where waiting_for_agent and status = 'PENDING' and queue = ?
                order by abandoned_at limit ?""")
                .params(queue, limit).query(UUID.class).list();
    }

    // ------------------------------------------------------------------ queries

    public Optional<Callback> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from callback where id = ?").param(id).query(CallbackRepository::map).optional();
    }

    public List<Callback> search(CallbackStatus status, String queue, String phoneNumber, int limit, int offset) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from callback where true");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status.name());
        }
        if (queue != null) {
            sql.append(" and queue = ?");
            params.add(queue);
        }
        if (phoneNumber != null) { // digits only: a "+" in a query string often arrives as a space
            sql.append(" and regexp_replace(phone_number, '[^0-9]', '', 'g') = ?");
            params.add(phoneNumber.replaceAll("[^0-9]", ""));
        }
        sql.append(" order by created_at desc, id limit ? offset ?");
        params.add(limit);
        params.add(offset);
        return jdbc.sql(sql.toString()).params(params).query(CallbackRepository::map).list();
    }

    public List<String> abandonIds(UUID callbackId) {
        return jdbc.sql("select unique_id from abandon_event where callback_id = ? order by received_at")
                .param(callbackId).query(String.class).list();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Callback map(ResultSet rs, int row) throws SQLException {
        return new Callback(
                rs.getObject("id", UUID.class),
                rs.getString("origin"),
                rs.getString("queue"),
                rs.getString("phone_number"),
                rs.getString("caller_name"),
                rs.getInt("hold_time_seconds"),
                instant(rs, "abandoned_at"),
                CallbackStatus.valueOf(rs.getString("status")),
                rs.getString("end_reason"),
                rs.getInt("abandon_count"),
                instant(rs, "last_abandon_at"),
                rs.getObject("process_instance_key", Long.class),
                rs.getString("settings"),
                instant(rs, "expires_at"),
                rs.getBoolean("waiting_for_agent"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "ended_at"));
    }
}
