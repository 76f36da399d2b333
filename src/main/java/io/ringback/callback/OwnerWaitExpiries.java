package io.ringback.callback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The owner waits that ended without the owner (SPEC §4): each time a sticky callback stopped waiting
 * for its owner and was released to the first free agent — who the owner was, when, why, and who took
 * the call instead. The per-owner count is the KPI of seed 003: {@code GET /api/kpis/owner-wait-expiries}
 * and the counter {@code ringback_owner_wait_expiries_total{owner}}.
 */
@Component
public class OwnerWaitExpiries {

    /** Why a callback stopped waiting for its owner. */
    public enum Reason {
        /** The owner wait ended with the owner still not free. */
        WAIT_ENDED,
        /** The owner is no longer in the agent directory (left the company): released at once. */
        OWNER_REMOVED
    }

    /** One expiry, for a callback's details. */
    public record Expiry(String owner, Instant expiredAt, Reason reason, String takenBy, Instant takenAt) {}

    /** The KPI: how many owner waits of an owner expired in a period. */
    public record OwnerCount(String owner, long expiries) {}

    private final JdbcClient jdbc;
    private final MeterRegistry registry;

    OwnerWaitExpiries(JdbcClient jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    /** The callback was released by its owner; once per release (a redelivered job records nothing twice). */
    public boolean expired(UUID callbackId, String owner, Reason reason, Instant at) {
        boolean open = jdbc.sql("select count(*) from owner_wait_expiry where callback_id = ? and taken_by is null")
                .param(callbackId).query(Integer.class).single() > 0;
        if (open) {
            return false;
        }
        jdbc.sql("insert into owner_wait_expiry (callback_id, owner, expired_at, reason) values (?, ?, ?, ?)")
                .params(callbackId, owner, Timestamp.from(at), reason.name()).update();
        Counter.builder("ringback.owner.wait.expiries")
                .description("Sticky callbacks released to another agent because their owner was not free in time")
                .tag("owner", owner).tag("reason", reason.name()).register(registry).increment();
        return true;
    }

    /** The agent who took a released callback: recorded on its last open expiry. */
    public void takenBy(UUID callbackId, String agent, Instant at) {
        jdbc.sql("update owner_wait_expiry set taken_by = ?, taken_at = ? where callback_id = ? and taken_by is null")
                .params(agent, Timestamp.from(at), callbackId).update();
    }

    public List<Expiry> of(UUID callbackId) {
        return jdbc.sql("select owner, expired_at, reason, taken_by, taken_at from owner_wait_expiry where callback_id = ?"
                        + " order by expired_at, id")
                .param(callbackId)
                .query((rs, n) -> new Expiry(rs.getString("owner"), rs.getTimestamp("expired_at").toInstant(),
                        Reason.valueOf(rs.getString("reason")), rs.getString("taken_by"),
                        rs.getTimestamp("taken_at") == null ? null : rs.getTimestamp("taken_at").toInstant()))
                .list();
    }

    /** Expiries per owner from {@code from} (included) to {@code to} (excluded), most first. */
    public List<OwnerCount> perOwner(Instant from, Instant to) {
        return jdbc.sql("""
                select owner, count(*) as expiries from owner_wait_expiry
                where expired_at >= ? and expired_at < ? group by owner order by expiries desc, owner""")
                .params(Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> new OwnerCount(rs.getString("owner"), rs.getLong("expiries"))).list();
    }
}
