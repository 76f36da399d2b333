package io.ringback.callback;

import static io.ringback.callback.CallbackRepository.instant;
import static io.ringback.callback.CallbackRepository.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The attempt log ({@code callback_attempt}): one row per (callback, attempt), and on it every fact
 * the PBX reported about that call. Facts are recorded once (the first report wins), so a second
 * application instance or a redelivered event changes nothing.
 */
@Repository
public class AttemptRepository {

    private final JdbcClient jdbc;

    public AttemptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Writes the attempt row before anything is dialed. False when the row already exists: the job
     * was delivered again, and whatever the first delivery did must not be repeated.
     */
    public boolean start(UUID callbackId, int attempt, String actionId, String agentInterface) {
        return jdbc.sql("""
                insert into callback_attempt (callback_id, attempt, action_id, agent_interface)
                values (?, ?, ?, ?) on conflict do nothing""")
                .params(callbackId, attempt, actionId, agentInterface).update() == 1;
    }

    /** Forgets an attempt nothing was sent for (the AMI link was down at the moment of sending). */
    public void forgetUnsent(String actionId) {
        jdbc.sql("delete from callback_attempt where action_id = ? and originate_sent_at is null and response_at is null")
                .param(actionId).update();
    }

    public void markOriginateSent(String actionId, Instant sentAt) {
        jdbc.sql("update callback_attempt set originate_sent_at = ? where action_id = ?").params(ts(sentAt), actionId).update();
    }

    /** The OriginateResponse: its reason, and the answer when it is 4. False when it was recorded already or is not ours. */
    public boolean recordResponse(String actionId, int reason, Instant at) {
        return jdbc.sql("""
                update callback_attempt set response_at = ?, reason_code = ?,
                       answered_at = case when ? = 4 then ? else answered_at end
                where action_id = ? and response_at is null""")
                .params(ts(at), reason, reason, ts(at), actionId).update() == 1;
    }

    /** The customer reached an agent. False when it was recorded already. */
    public boolean recordConnected(String actionId, String agent, Instant at) {
        return jdbc.sql("""
                update callback_attempt set connected_at = ?, connected_agent = ?, answered_at = coalesce(answered_at, ?)
                where action_id = ? and connected_at is null""")
                .params(ts(at), agent, ts(at), actionId).update() == 1;
    }

    /**
     * The customer reached an agent: that is the attempt's final outcome, whatever was recorded before
     * (a report that came late may have been counted as failed). False when it was CONNECTED already.
     */
    public boolean recordConnectedOutcome(String actionId) {
        return jdbc.sql("""
                update callback_attempt set outcome = 'CONNECTED', reason_code = coalesce(reason_code, 4),
                       detail = 'connected to ' || coalesce(connected_agent, 'an agent'), ended_at = coalesce(ended_at, now())
                where action_id = ? and outcome is distinct from 'CONNECTED'""")
                .param(actionId).update() == 1;
    }

    /** The answered customer left before an agent took the call. False when recorded already or connected. */
    public boolean recordLeft(String actionId, Instant at) {
        return jdbc.sql("""
                update callback_attempt set left_at = ?
                where action_id = ? and left_at is null and connected_at is null and answered_at is not null""")
                .params(ts(at), actionId).update() == 1;
    }

    /** The call's channel hung up. */
    public void recordHangup(String actionId, Instant at) {
        jdbc.sql("update callback_attempt set hungup_at = coalesce(hungup_at, ?) where action_id = ?")
                .params(ts(at), actionId).update();
    }

    /** Records the final outcome once; a second report of the same attempt changes nothing. */
    public boolean recordOutcome(UUID callbackId, int attempt, AttemptOutcome outcome, Integer reasonCode, String detail) {
        return jdbc.sql("""
                update callback_attempt set outcome = ?, reason_code = coalesce(reason_code, ?), detail = ?, ended_at = now()
                where callback_id = ? and attempt = ? and outcome is null""")
                .params(outcome.name(), reasonCode, detail, callbackId, attempt).update() == 1;
    }

    public Optional<Attempt> find(UUID callbackId, int attempt) {
        return jdbc.sql("select * from callback_attempt where callback_id = ? and attempt = ?")
                .params(callbackId, attempt).query(AttemptRepository::map).optional();
    }

    public Optional<Attempt> byActionId(String actionId) {
        return jdbc.sql("select * from callback_attempt where action_id = ?").param(actionId)
                .query(AttemptRepository::map).optional();
    }

    public List<Attempt> forCallback(UUID callbackId) {
        return jdbc.sql("select * from callback_attempt where callback_id = ? order by attempt")
                .param(callbackId).query(AttemptRepository::map).list();
    }

    private static Attempt map(ResultSet rs, int row) throws SQLException {
        String outcome = rs.getString("outcome");
        return new Attempt(
                rs.getObject("callback_id", UUID.class),
                rs.getInt("attempt"),
                rs.getString("action_id"),
                rs.getString("agent_interface"),
                instant(rs, "created_at"),
                instant(rs, "originate_sent_at"),
                outcome == null ? null : AttemptOutcome.valueOf(outcome),
                rs.getObject("reason_code", Integer.class),
                rs.getString("detail"),
                instant(rs, "ended_at"),
                instant(rs, "answered_at"),
                instant(rs, "connected_at"),
                rs.getString("connected_agent"),
                instant(rs, "left_at"),
                instant(rs, "hungup_at"));
    }
}
