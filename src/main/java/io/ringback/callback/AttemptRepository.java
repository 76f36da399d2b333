package io.ringback.callback;

import static io.ringback.callback.CallbackRepository.instant;
import static io.ringback.callback.CallbackRepository.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The attempt log ({@code callback_attempt}): one row per (callback, attempt). */
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

    public void markOriginateSent(String actionId, Instant sentAt) {
        jdbc.sql("update callback_attempt set originate_sent_at = ? where action_id = ?").params(ts(sentAt), actionId).update();
    }

    /** Records the outcome once; a second report of the same attempt changes nothing. */
    public boolean recordOutcome(UUID callbackId, int attempt, AttemptOutcome outcome, Integer reasonCode, String detail) {
        return jdbc.sql("""
                update callback_attempt set outcome = ?, reason_code = ?, detail = ?, ended_at = now()
                where callback_id = ? and attempt = ? and outcome is null""")
                .params(outcome.name(), reasonCode, detail, callbackId, attempt).update() == 1;
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
                instant(rs, "ended_at"));
    }
}
