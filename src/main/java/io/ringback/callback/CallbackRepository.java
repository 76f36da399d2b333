package io.ringback.callback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
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
            id, origin, queue, phone_number, phone_number_display, caller_name, hold_time_seconds, abandoned_at,
            status, end_reason, abandon_count, last_abandon_at, process_instance_key, settings::text as settings,
            expires_at, waiting_for, due_at, created_at, updated_at, ended_at, requested_at, target_group,
            target_agent, created_by, cancelled_by""";

    /** What a callback waits for while {@code PENDING}. */
    public enum Waiting { AGENT, PBX }

    private final JdbcClient jdbc;

    public CallbackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ------------------------------------------------------------------ intake

    public Optional<UUID> callbackOfAbandon(String source, String uniqueId) {
        return jdbc.sql("select callback_id from abandon_event where source = ? and unique_id = ?")
                .params(source, uniqueId).query(UUID.class).optional();
    }

    /** The pending abandoned-call callback for this number and queue, locked until the transaction ends. */
    public Optional<Callback> lockPending(String queue, String phoneNumber) {
        return jdbc.sql("select " + COLUMNS + " from callback where queue = ? and phone_number = ? and status = 'PENDING'"
                        + " and origin = 'ABANDONED_CALL' for update")
                .params(queue, phoneNumber).query(CallbackRepository::map).optional();
    }

    /** The callback, locked until the transaction ends. */
    public Optional<Callback> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from callback where id = ? for update").param(id)
                .query(CallbackRepository::map).optional();
    }

    /** Pending abandoned-call callbacks of a number in these queues (a customer served inbound ends them). */
    public List<UUID> pendingIn(java.util.Collection<String> queues, String phoneNumber) {
        if (queues.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id from callback where status = 'PENDING' and origin = 'ABANDONED_CALL' and phone_number = ?"
                        + " and queue = any(?)")
                .params(phoneNumber, queues.toArray(String[]::new)).query(UUID.class).list();
    }

    /** Every callback of a number that has not ended (of any kind), oldest first. */
    public List<Callback> openCallbacksOf(String phoneNumber) {
        return jdbc.sql("select " + COLUMNS + " from callback where phone_number = ?"
                        + " and status in ('RECEIVED', 'SCHEDULED', 'PENDING') order by created_at")
                .param(phoneNumber).query(CallbackRepository::map).list();
    }

    /** Pending abandoned-call callbacks of a number in any queue. */
    public List<UUID> pendingAnywhere(String phoneNumber) {
        return jdbc.sql("select id from callback where status = 'PENDING' and origin = 'ABANDONED_CALL' and phone_number = ?")
                .param(phoneNumber).query(UUID.class).list();
    }

    /** Stores an abandoned call's callback, not started yet; its creator is the abandon's source. */
    public void insertReceived(UUID id, String origin, AbandonedCall call, String phoneNumber, String createdBy) {
        jdbc.sql("""
                insert into callback (id, origin, queue, phone_number, phone_number_display, caller_name,
                                      hold_time_seconds, abandoned_at, status, last_abandon_at, abandon_count,
                                      requested_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, 1, ?, ?)""")
                .params(id, origin, call.queue(), phoneNumber, call.callerNumber(), call.callerName(),
                        call.holdTimeSeconds(), ts(call.abandonedAt()), ts(call.abandonedAt()), ts(call.abandonedAt()),
                        createdBy)
                .update();
    }

    /**
     * Stores a callback of any other kind, not started yet.
     *
     * @param request what only this callback's kind knows is kept by that kind; this is the shared part
     */
    public void insertRequested(NewCallback request) {
        jdbc.sql("""
                insert into callback (id, origin, queue, phone_number, phone_number_display, caller_name, status,
                                      abandon_count, requested_at, target_group, target_agent, created_by)
                values (?, ?, ?, ?, ?, ?, 'RECEIVED', 0, ?, ?, ?, ?)""")
                .params(request.id(), request.origin(), request.target().queue(), request.phoneNumber(),
                        request.phoneNumberAsGiven(), request.customerName(), ts(request.requestedAt()),
                        request.target().group(), request.target().agent(), request.createdBy())
                .update();
    }

    /** Who takes the call: the queue's agents, or only a group's or one agent's (its owner). */
    public void setTarget(UUID id, String group, String agent) {
        jdbc.sql("update callback set target_group = ?, target_agent = ?, updated_at = now() where id = ?")
                .params(group, agent, id).update();
    }

    /** Records what a user (or the PBX) did to a callback, for its history. */
    public void recordChange(UUID callbackId, String by, Change change, String detail) {
        jdbc.sql("insert into callback_change (callback_id, changed_by, change, detail) values (?, ?, ?, ?)")
                .params(callbackId, by, change.name(), detail).update();
    }

    /** Who asked for the cancel: kept with the callback (the first one who asked). */
    public void cancelRequested(UUID callbackId, String by) {
        jdbc.sql("update callback set cancelled_by = coalesce(cancelled_by, ?), updated_at = now() where id = ?")
                .params(by, callbackId).update();
    }

    /** A callback's history, oldest first. */
    public List<CallbackChange> changes(UUID callbackId) {
        return jdbc.sql("select changed_at, changed_by, change, detail from callback_change where callback_id = ? order by changed_at, id")
                .param(callbackId)
                .query((rs, n) -> new CallbackChange(instant(rs, "changed_at"), rs.getString("changed_by"),
                        Change.valueOf(rs.getString("change")), rs.getString("detail")))
                .list();
    }

    /** What was done to a callback. */
    public enum Change { CREATED, EDITED, CANCEL_REQUESTED }

    public record CallbackChange(Instant at, String by, Change change, String detail) {}

    /** The shared part of a new callback that is not an abandoned call. */
    public record NewCallback(UUID id, String origin, io.ringback.process.CallTarget target, String phoneNumber,
                              String phoneNumberAsGiven, String customerName, Instant requestedAt, String createdBy) {}

    /**
     * Records an abandon; false when this (source, unique id) was already recorded (also by a
     * concurrent transaction, which this one then waits for). Never aborts the surrounding transaction.
     */
    public boolean insertAbandonEvent(AbandonedCall call, UUID callbackId) {
        return jdbc.sql("""
                insert into abandon_event (source, unique_id, callback_id, queue, hold_time_seconds, abandoned_at)
                values (?, ?, ?, ?, ?, ?) on conflict (source, unique_id) do nothing""")
                .params(call.source(), call.uniqueId(), callbackId, call.queue(), call.holdTimeSeconds(),
                        ts(call.abandonedAt()))
                .update() == 1;
    }

    public void countAbandon(UUID callbackId, Instant abandonedAt) {
        jdbc.sql("""
                update callback set abandon_count = abandon_count + 1,
                       last_abandon_at = greatest(last_abandon_at, ?), updated_at = now()
                where id = ?""")
                .params(ts(abandonedAt), callbackId).update();
    }

    /** The abandon that created this callback: its start message's id is made of it. */
    public Optional<AbandonRef> firstAbandon(UUID callbackId) {
        return jdbc.sql("""
                select source, unique_id from abandon_event where callback_id = ?
                order by received_at, unique_id limit 1""")
                .param(callbackId).query((rs, n) -> new AbandonRef(rs.getString("source"), rs.getString("unique_id")))
                .optional();
    }

    public record AbandonRef(String source, String uniqueId) {}

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
     * RECEIVED → PENDING (in its own transaction: the partial unique index decides races). When another
     * callback is already pending for the same number and queue, returns its id and leaves this one
     * RECEIVED (the process then joins it). A callback no longer RECEIVED nor PENDING (it ended) throws
     * {@link AlreadyEndedException}.
     */
    public Optional<UUID> accept(UUID id) {
        try {
            int accepted = jdbc.sql("update callback set status = 'PENDING', updated_at = now() where id = ? and status = 'RECEIVED'")
                    .param(id).update();
            if (accepted == 0) { // PENDING already (a redelivered job), or ended: never made pending again
                String status = jdbc.sql("select status from callback where id = ?").param(id).query(String.class)
                        .optional().orElseThrow(() -> new IllegalStateException("no callback " + id));
                if (!status.equals("PENDING")) {
                    throw new AlreadyEndedException("Callback " + id + " is " + status + ", not RECEIVED: it is not accepted");
                }
            }
            return Optional.empty();
        } catch (DuplicateKeyException alreadyPending) {
            return jdbc.sql("""
                    select other.id from callback me join callback other
                      on other.queue = me.queue and other.phone_number = me.phone_number and other.status = 'PENDING'
                         and other.origin = 'ABANDONED_CALL'
                    where me.id = ?""")
                    .param(id).query(UUID.class).optional();
        }
    }

    /** Ends an open callback; false when it had already ended (a redelivered job). */
    public boolean end(UUID id, CallbackStatus status, String reason) {
        return jdbc.sql("""
                update callback set status = ?, end_reason = ?, ended_at = now(), updated_at = now(),
                       waiting_for = null, due_at = null
                where id = ? and status in ('RECEIVED', 'SCHEDULED', 'PENDING')""")
                .params(status.name(), reason, id).update() == 1;
    }

    /**
     * The callback asks for an agent for its current attempt: from now on it is due (kept if it was
     * due already), and it counts as asking.
     */
    public void askingForAgent(UUID id, Instant now) {
        jdbc.sql("update callback set due_at = coalesce(due_at, ?), agent_checked_at = ? where id = ?")
                .params(ts(now), ts(now), id).update();
    }

    /** What the callback waits for now (null: nothing, it is being dialed or checked). */
    public void setWaiting(UUID id, Waiting waiting) {
        jdbc.sql("update callback set waiting_for = ?, updated_at = now() where id = ? and waiting_for is distinct from ?")
                .params(waiting == null ? null : waiting.name(), id, waiting == null ? null : waiting.name()).update();
    }

    /** The attempt is being dialed: it is no longer due, nor waiting. */
    public void dialing(UUID id) {
        jdbc.sql("update callback set due_at = null, waiting_for = null, updated_at = now() where id = ?").param(id).update();
    }

    /**
     * Callbacks of the same target waiting for an agent whose attempt became due before this one's: they
     * go first. A waiting callback does not ask again by itself (the model waits for a nudge without a
     * recheck timer); one that cannot ask any more (an incident at its claim) is not waiting
     * ({@link #setWaiting} null), and an ended one is not pending.
     */
    public int waitingAhead(UUID id, io.ringback.process.CallTarget target, Instant dueAt) {
        return jdbc.sql("""
                select count(*) from callback
                where queue = ? and target_group is not distinct from ? and target_agent is not distinct from ?
                  and status = 'PENDING' and due_at is not null and waiting_for = 'AGENT' and id <> ?
                  and due_at < ?""")
                .params(target.queue(), blankToNull(target.group()), blankToNull(target.agent()), id, ts(dueAt))
                .query(Integer.class).single();
    }

    /**
     * A callback waiting for an agent and who may take its call: the target stored with it, or its
     * queue once its owner released it (an owner wait expiry is recorded; the process then waits for
     * any agent of the queue).
     */
    public record WaitingForAgent(UUID id, io.ringback.process.CallTarget target) {}

    /**
     * The pending callbacks waiting for an agent (at most {@code limit}), of one queue or of all
     * ({@code queue} null), the one due first first.
     */
    public List<WaitingForAgent> waitingForAgent(String queue, int limit) {
        return jdbc.sql("""
                select c.id, c.queue, released.callback_id is null as owned, c.target_group, c.target_agent
                from callback c
                left join lateral (select e.callback_id from owner_wait_expiry e where e.callback_id = c.id limit 1)
                    released on true
                where c.status = 'PENDING' and c.due_at is not null and c.waiting_for = 'AGENT'
                  and (cast(? as text) is null or c.queue = ?)
                order by c.due_at, c.created_at limit ?""")
                .params(queue, queue, limit)
                .query((rs, row) -> new WaitingForAgent(rs.getObject("id", UUID.class), rs.getBoolean("owned")
                        ? new io.ringback.process.CallTarget(rs.getString("queue"), rs.getString("target_group"),
                                rs.getString("target_agent"))
                        : io.ringback.process.CallTarget.queue(rs.getString("queue"))))
                .list();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The open callbacks that belong to this agent (their owner): to release when the agent leaves. */
    public List<UUID> pendingOwnedBy(String agentUserId) {
        return jdbc.sql("select id from callback where status = 'PENDING' and target_agent = ? order by due_at nulls last")
                .param(agentUserId).query(UUID.class).list();
    }

    /** Every callback waiting for the PBX link, which is back: they stop waiting for it. */
    public int clearWaitingForPbx() {
        return jdbc.sql("update callback set waiting_for = null, updated_at = now() where waiting_for = 'PBX' and status = 'PENDING'")
                .update();
    }

    /**
     * Pending (or scheduled) callbacks whose time limit (or window) passed longer ago than {@code grace}:
     * their instance should have ended them.
     */
    public List<Callback> pendingPastDeadline(Instant now, Duration grace, int limit) {
        return jdbc.sql("select " + COLUMNS + " from callback where status in ('SCHEDULED', 'PENDING') and expires_at < ?"
                        + " order by expires_at limit ?")
                .params(ts(now.minus(grace)), limit).query(CallbackRepository::map).list();
    }

    // ------------------------------------------------------------------ queries

    public Optional<Callback> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from callback where id = ?").param(id).query(CallbackRepository::map).optional();
    }

    public List<Callback> search(CallbackStatus status, String queue, String phoneNumber, int limit, int offset) {
        return search(null, status, queue, phoneNumber, limit, offset);
    }

    public List<Callback> search(String origin, CallbackStatus status, String queue, String phoneNumber, int limit,
                                 int offset) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from callback where true");
        List<Object> params = new ArrayList<>();
        if (origin != null) {
            sql.append(" and origin = ?");
            params.add(origin);
        }
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status.name());
        }
        if (queue != null) {
            sql.append(" and queue = ?");
            params.add(queue);
        }
        if (phoneNumber != null) {
            sql.append(" and phone_number = ?");
            params.add(phoneNumber);
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
                rs.getString("phone_number_display"),
                rs.getString("caller_name"),
                rs.getObject("hold_time_seconds", Integer.class),
                instant(rs, "abandoned_at"),
                CallbackStatus.valueOf(rs.getString("status")),
                rs.getString("end_reason"),
                rs.getInt("abandon_count"),
                instant(rs, "last_abandon_at"),
                rs.getObject("process_instance_key", Long.class),
                rs.getString("settings"),
                instant(rs, "expires_at"),
                rs.getString("waiting_for"),
                instant(rs, "due_at"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "ended_at"),
                instant(rs, "requested_at"),
                rs.getString("target_group"),
                rs.getString("target_agent"),
                rs.getString("created_by"),
                rs.getString("cancelled_by"));
    }

    /** {@link #accept} of a callback that has ended. */
    public static final class AlreadyEndedException extends IllegalStateException {
        AlreadyEndedException(String message) {
            super(message);
        }
    }
}
