package io.ringback.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Messages that must reach the engine even when it is unreachable for a while or the application
 * stops: the outcome of an attempt, the customer reaching an agent or leaving the queue, a cancel.
 * {@link #enqueue} writes the message into {@code process_message} in the caller's transaction (with
 * the fact it reports), and it is published right after the commit. Whatever was not published —
 * the engine answered with an error, the application died before or during publishing — is
 * published again by {@link #publishDue} with a growing backoff, by any application instance
 * ({@code for update skip locked}). The engine drops a message id it has already seen, so a
 * message published twice is harmless.
 */
@Component
public class MessageOutbox implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MessageOutbox.class);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ProcessMessages messages;
    private final ObjectMapper json;
    private final Clock clock;
    private final AtomicLong failures = new AtomicLong();
    private final ExecutorService publisher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> Thread.ofPlatform().name("outbox").daemon().unstarted(r));

    public MessageOutbox(JdbcClient jdbc, ProcessMessages messages, ObjectMapper json, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.json = json;
        this.clock = clock;
        Gauge.builder("ringback.outbox.pending", this, MessageOutbox::pending)
                .description("Messages for the engine not published yet").register(meters);
    }

    /**
     * Stores the message (once per message id) and publishes it after the surrounding transaction
     * commits, or at once when there is none.
     */
    public void enqueue(OutboundMessage message) {
        Long id = jdbc.sql("""
                insert into process_message (name, correlation_key, message_id, variables, time_to_live_ms, next_attempt_at)
                values (?, ?, ?, cast(? as jsonb), ?, ?) on conflict (message_id) do nothing returning id""")
                .params(message.name(), message.correlationKey(), message.messageId(), toJson(message.variables()),
                        message.timeToLive().toMillis(), Timestamp.from(clock.instant()))
                .query(Long.class).optional().orElse(null);
        if (id == null) {
            return; // the same fact was stored already (a second listener, a redelivered event)
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    publishSoon(id);
                }
            });
        } else {
            publishSoon(id);
        }
    }

    private void publishSoon(long id) {
        if (!publisher.isShutdown()) {
            publisher.execute(() -> claim(List.of(id)).forEach(this::publish));
        }
    }

    /** Publishes every message that is due (never published, or its backoff is over). */
    @Scheduled(fixedDelayString = "${ringback.process.outbox-interval:1s}",
               initialDelayString = "${ringback.process.outbox-interval:1s}")
    public void publishDue() {
        List<Long> due = jdbc.sql("""
                select id from process_message where published_at is null and next_attempt_at <= ?
                order by id limit 200""")
                .param(Timestamp.from(clock.instant())).query(Long.class).list();
        if (!due.isEmpty()) {
            claim(due).forEach(this::publish);
        }
    }

    /** Removes published messages older than a day: the engine has dropped their ids by then. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public void forgetPublished() {
        int removed = jdbc.sql("delete from process_message where published_at < ?")
                .param(Timestamp.from(clock.instant().minus(Duration.ofDays(1)))).update();
        if (removed > 0) {
            log.debug("Removed {} published messages from the outbox", removed);
        }
    }

    private record Row(long id, int attempts, OutboundMessage message) {}

    /** Takes the due rows among these for {@link #LEASE}, so that no other instance publishes them meanwhile. */
    private List<Row> claim(List<Long> ids) {
        Instant now = clock.instant();
        return jdbc.sql("""
                update process_message set next_attempt_at = ?, attempts = attempts + 1
                where id in (select id from process_message where id = any(?) and published_at is null
                             and next_attempt_at <= ? for update skip locked)
                returning id, attempts, name, correlation_key, message_id, variables::text as variables, time_to_live_ms""")
                .params(Timestamp.from(now.plus(LEASE)), ids.toArray(Long[]::new), Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getInt("attempts"), new OutboundMessage(
                        rs.getString("name"), rs.getString("correlation_key"), rs.getString("message_id"),
                        Duration.ofMillis(rs.getLong("time_to_live_ms")), fromJson(rs.getString("variables")))))
                .list();
    }

    /**
     * Sends the message and returns at once: the engine's answer marks the row published (or schedules it
     * again), so that one slow round trip does not hold up every message behind it on the one outbox
     * thread. The row stays leased meanwhile ({@link #LEASE}).
     */
    private void publish(Row row) {
        CompletionStage<Void> sent;
        try {
            sent = messages.publishAsync(row.message());
        } catch (RuntimeException e) {
            failed(row, e);
            return;
        }
        sent.whenComplete((done, failure) -> {
            try {
                if (failure == null) {
                    jdbc.sql("update process_message set published_at = ?, last_error = null where id = ?")
                            .params(Timestamp.from(clock.instant()), row.id()).update();
                } else {
                    failed(row, failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure);
                }
            } catch (RuntimeException e) { // the lease runs out and the message is published again
                log.warn("Could not record the publishing of {} (id {}): {}", row.message().name(),
                        row.message().messageId(), e.toString());
            }
        });
    }

    private void failed(Row row, Throwable e) {
        failures.incrementAndGet();
        Duration backoff = backoff(row.attempts());
        jdbc.sql("update process_message set next_attempt_at = ?, last_error = ? where id = ?")
                .params(Timestamp.from(clock.instant().plus(backoff)), String.valueOf(e.getMessage()), row.id()).update();
        if (row.attempts() == 1) {
            log.warn("Publishing {} (id {}) failed; it is kept and published again: {}", row.message().name(),
                    row.message().messageId(), e.toString());
        } else {
            log.debug("Publishing {} (id {}) failed again (attempt {}), next in {}", row.message().name(),
                    row.message().messageId(), row.attempts(), backoff);
        }
    }

    static Duration backoff(int attempts) {
        Duration wait = Duration.ofSeconds(1L << Math.min(attempts, 6));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    /** Messages not published yet. */
    public long pending() {
        try {
            return jdbc.sql("select count(*) from process_message where published_at is null").query(Long.class).single();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private String toJson(Map<String, Object> variables) {
        try {
            return json.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message variables are not JSON: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> fromJson(String variables) {
        try {
            return json.readValue(variables, VARIABLES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored message variables are not JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public void destroy() {
        publisher.shutdown();
    }
}
