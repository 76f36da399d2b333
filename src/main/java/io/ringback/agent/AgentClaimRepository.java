package io.ringback.agent;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code agent_claim}: at most one live claim per agent, shared by every application instance. */
@Repository
public class AgentClaimRepository {

    private final JdbcClient jdbc;

    public AgentClaimRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the agent unless another callback holds a live claim on it. */
    public boolean tryClaim(String agentInterface, String queue, String target, UUID callbackId, Instant now,
                            Instant expiresAt) {
        return jdbc.sql("""
                insert into agent_claim (agent_interface, queue, target, callback_id, claimed_at, expires_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (agent_interface) do update
                  set queue = excluded.queue, target = excluded.target, callback_id = excluded.callback_id,
                      claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
                  where agent_claim.expires_at <= excluded.claimed_at or agent_claim.callback_id = excluded.callback_id""")
                .params(agentInterface, queue, target, callbackId, Timestamp.from(now), Timestamp.from(expiresAt))
                .update() == 1;
    }

    public Optional<String> liveClaimOf(UUID callbackId, Instant now) {
        return jdbc.sql("select agent_interface from agent_claim where callback_id = ? and expires_at > ?")
                .params(callbackId, Timestamp.from(now)).query(String.class).optional();
    }

    public Set<String> liveClaims(Instant now) {
        return new HashSet<>(jdbc.sql("select agent_interface from agent_claim where expires_at > ?")
                .param(Timestamp.from(now)).query(String.class).list());
    }

    public void release(UUID callbackId) {
        jdbc.sql("delete from agent_claim where callback_id = ?").param(callbackId).update();
    }

    public void holdUntil(UUID callbackId, Instant until) {
        jdbc.sql("update agent_claim set expires_at = ? where callback_id = ?").params(Timestamp.from(until), callbackId).update();
    }
}
