package io.ringback.queuelog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringback.callback.AbandonedCall;
import io.ringback.callback.AbandonedCallIntake;
import io.ringback.callback.CallbackCalls;
import io.ringback.callback.InvalidAbandonedCallException;
import io.ringback.telephony.AmiConnection;
import io.ringback.telephony.AmiProperties;
import io.ringback.telephony.PbxEvents.PbxLinkDown;
import io.ringback.telephony.PbxEvents.PbxLinkUp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Asterisk does not replay AMI events: an abandon that happens while the link is down, or while no
 * application instance runs at all, is never reported. Asterisk does write it to its {@code queue_log};
 * where that goes to a database (the realtime {@code queue_log} table, as queue reporting tools read it)
 * this catches up after every connect and reconnect:
 *
 * <ul>
 *   <li>the search starts where some instance last knew every AMI event to be handled
 *       ({@link QueueLogWatermark}, moved forward every {@code ringback.queue-log.heartbeat} by every
 *       connected instance with an empty event backlog), minus {@code ringback.queue-log.margin}, and
 *       ends now; at most {@code ringback.queue-log.max-lookback};
 *   <li>every {@code ABANDON} row in it goes to the intake exactly like a {@code QueueCallerAbandon}: the
 *       same source and Uniqueid (so an abandon AMI did report, or another instance already recovered,
 *       is recorded once), the caller's number from its {@code ENTERQUEUE} row, the real wait time and
 *       abandon time; the model then decides eligibility as usual. The orchestrator's own callback calls
 *       never become callbacks;
 *   <li>when the database cannot be read, the same stretch is searched again after
 *       {@code ringback.queue-log.retry-after}, and the watermark stays where it was meanwhile.
 * </ul>
 * Off unless {@code ringback.queue-log.url} is set. Runs on a thread of its own, never on the AMI event thread.
 */
@Component
public class QueueLogReconciliation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueLogReconciliation.class);

    private final QueueLogProperties properties;
    private final String source;
    private final AmiConnection ami;
    private final AbandonedCallIntake intake;
    private final QueueLogWatermark watermark;
    private final Clock clock;
    private final QueueLogReader reader;
    private final Counter created;
    private final Counter joined;
    private final Counter succeeded;
    private final Counter failed;
    /** Counts link ups and downs: a catch-up started before the latest one is left to the newer one. */
    private final AtomicLong link = new AtomicLong();
    /** This instance has handled everything the PBX reported up to now: it may move the watermark. */
    private volatile boolean covered;
    private ScheduledExecutorService executor;

    QueueLogReconciliation(QueueLogProperties properties, AmiProperties amiProperties, AmiConnection ami,
                           AbandonedCallIntake intake, QueueLogWatermark watermark, Clock clock, MeterRegistry meters) {
        this.properties = properties;
        this.source = amiProperties.source();
        this.ami = ami;
        this.intake = intake;
        this.watermark = watermark;
        this.clock = clock;
        this.reader = properties.enabled() ? new QueueLogReader(properties) : null;
        this.created = recovered(meters, "created");
        this.joined = recovered(meters, "joined");
        this.succeeded = reconciliations(meters, "ok");
        this.failed = reconciliations(meters, "failed");
    }

    /** What one search of the queue_log found. */
    public record Result(Instant from, Instant to, int abandons, int created, int joined, int known, int notTaken,
                         int ownCalls) {}

    @EventListener
    void on(PbxLinkDown event) {
        link.incrementAndGet();
        covered = false;
    }

    @EventListener
    void on(PbxLinkUp event) {
        long current = link.incrementAndGet();
        covered = false;
        ScheduledExecutorService pool = executor;
        if (pool != null) {
            Instant to = clock.instant();
            pool.execute(() -> catchUp(current, to));
        }
    }

    private void catchUp(long linkAtStart, Instant to) {
        if (link.get() != linkAtStart) {
            return; // the link went down (or came up again) meanwhile: the newer link up searches
        }
        try {
            var heard = watermark.heardUntil(source);
            if (heard.isEmpty()) {
                watermark.advance(source, to);
                log.info("queue_log: first connect to PBX {}; abandons missed from now on are recovered after each "
                        + "reconnect", source);
            } else {
                Instant from = latest(heard.get().minus(properties.margin()), to.minus(properties.maxLookback()));
                reconcile(from, to);
                watermark.advance(source, to);
            }
            succeeded.increment();
            covered = link.get() == linkAtStart;
        } catch (Exception e) {
            failed.increment();
            log.warn("queue_log of PBX {} could not be read ({}); searching again in {}", source, e.toString(),
                    properties.retryAfter());
            ScheduledExecutorService pool = executor;
            if (pool != null && !pool.isShutdown()) {
                pool.schedule(() -> catchUp(linkAtStart, to), properties.retryAfter().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Gives every ABANDON row between {@code from} and {@code to} to the intake.
     *
     * @throws java.sql.SQLException when the queue_log cannot be read
     */
    public Result reconcile(Instant from, Instant to) throws java.sql.SQLException {
        if (reader == null) {
            throw new IllegalStateException("ringback.queue-log.url is not set");
        }
        List<QueueLogAbandon> abandons = reader.abandonsBetween(from, to);
        int newOnes = 0, joinedOnes = 0, known = 0, notTaken = 0, ours = 0;
        for (QueueLogAbandon abandon : abandons) {
            if (CallbackCalls.isOurs(abandon.callId(), null, Map.of())) {
                ours++; // a callback call's customer left the queue: a fact about an attempt, never a callback
                continue;
            }
            try {
                var result = intake.accept(new AbandonedCall(source, abandon.queue(), abandon.callerNumber(),
                        abandon.callerName(), abandon.waitSeconds(), abandon.at(), abandon.callId()));
                switch (result.outcome()) {
                    case CREATED -> newOnes++;
                    case JOINED -> joinedOnes++;
                    case DUPLICATE -> known++;
                }
            } catch (InvalidAbandonedCallException e) {
                notTaken++;
                log.debug("queue_log abandon {} in queue {} not taken as a callback: {}", abandon.callId(),
                        abandon.queue(), e.fieldErrors().keySet());
            }
        }
        created.increment(newOnes);
        joined.increment(joinedOnes);
        Result result = new Result(from, to, abandons.size(), newOnes, joinedOnes, known, notTaken, ours);
        if (newOnes + joinedOnes > 0) {
            log.info("queue_log: {} abandon(s) AMI did not report between {} and {} recovered: {} new callback(s), {} "
                    + "joined a pending one ({} already known, {} not taken, {} of callback calls)",
                    newOnes + joinedOnes, from, to, newOnes, joinedOnes, known, notTaken, ours);
        } else {
            log.info("queue_log: no abandon missed between {} and {} ({} already known)", from, to, known);
        }
        return result;
    }

    private void heartbeat() {
        try {
            if (covered && ami.isConnected() && ami.backlog() == 0) {
                watermark.advance(source, clock.instant());
            }
        } catch (RuntimeException e) {
            log.debug("queue_log watermark not moved: {}", e.toString());
        }
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("Abandons missed while AMI is down are not recovered: ringback.queue-log.url is not set "
                    + "(docs/asterisk.md, queue_log)");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("queue-log").daemon().unstarted(r));
        long every = properties.heartbeat().toMillis();
        executor.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        log.info("Abandons missed while AMI is down are recovered from table {} of {} after every (re)connect",
                properties.table(), withoutCredentials(properties.url()));
    }

    @Override
    public void stop() {
        ScheduledExecutorService pool = executor;
        executor = null;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Before the AMI connection starts (its first link up must find this running). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static String withoutCredentials(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static Counter recovered(MeterRegistry meters, String outcome) {
        return Counter.builder("ringback.queue.log.abandons.recovered")
                .description("Abandons AMI did not report, recovered from the queue_log").tag("outcome", outcome)
                .register(meters);
    }

    private static Counter reconciliations(MeterRegistry meters, String result) {
        return Counter.builder("ringback.queue.log.reconciliations")
                .description("Searches of the queue_log after an AMI (re)connect").tag("result", result)
                .register(meters);
    }
}
