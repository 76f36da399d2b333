package io.ringback.queuelog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per PBX, up to when its AMI events are known to have been handled by some application instance
 * ({@code queue_log_watermark}). It only moves forward, whichever instance writes it.
 */
@Repository
class QueueLogWatermark {

    private final JdbcClient jdbc;

    QueueLogWatermark(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Instant> heardUntil(String source) {
        return jdbc.sql("select heard_until from queue_log_watermark where source = ?").param(source)
                .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
    }

    /** Moves the watermark to {@code heardUntil} unless it is already later. */
    void advance(String source, Instant heardUntil) {
        jdbc.sql("""
                insert into queue_log_watermark (source, heard_until) values (?, ?)
                on conflict (source) do update set heard_until = greatest(queue_log_watermark.heard_until,
                    excluded.heard_until), updated_at = now()""")
                .param(source).param(heardUntil.atOffset(ZoneOffset.UTC)).update();
    }
}
