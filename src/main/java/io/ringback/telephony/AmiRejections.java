package io.ringback.telephony;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where every piece of AMI input that cannot be trusted is rejected loudly: counted in
 * {@code ringback_ami_events_rejected_total{event, field}} and logged on one line with its context (the
 * event, its ids, the rule it breaks; values only made safe). A flood of the same rejection does not
 * flood the log: the first is logged, the others of the same event and field within
 * {@value #QUIET_SECONDS} s are counted and summed up on the next line that is logged.
 *
 * <p>Used by the wire guard of {@link AmiConnection} (malformed frames), by {@link AmiEventTranslator}
 * (fields) and by the modules that know what an event should refer to (an OriginateResponse for an
 * ActionID Ringback never sent).
 */
@Component
public class AmiRejections {

    static final long QUIET_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(AmiRejections.class);

    private final MeterRegistry meters;
    private final Clock clock;
    private final ConcurrentHashMap<String, Quiet> quiet = new ConcurrentHashMap<>();

    private static final class Quiet {
        volatile Instant until = Instant.MIN;
        final AtomicLong suppressed = new AtomicLong();
    }

    public AmiRejections(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * @param event the AMI event (or {@code frame}, {@code unknown}) — a small, bounded set of names
     * @param field what is wrong: the header ({@code holdtime}, {@code actionid}) or the kind of damage
     *     ({@code frame-end}, {@code encoding}, {@code nul}, ...)
     * @param context the ids that let an operator find it (already made safe)
     * @param problem the rule it breaks, in words
     */
    public void reject(String event, String field, String context, String problem) {
        Counter.builder("ringback.ami.events.rejected")
                .description("AMI input rejected because it cannot be trusted (malformed frames, fields that break a rule)")
                .tag("event", event).tag("field", field).register(meters).increment();
        Quiet q = quiet.computeIfAbsent(event + "/" + field, k -> new Quiet());
        Instant now = clock.instant();
        if (now.isBefore(q.until)) {
            q.suppressed.incrementAndGet();
            return;
        }
        q.until = now.plus(Duration.ofSeconds(QUIET_SECONDS));
        long more = q.suppressed.getAndSet(0);
        log.warn("Rejected AMI {} ({}): {}{}", event, context, problem,
                more == 0 ? "" : " [and " + more + " more " + event + "/" + field + " rejections in the last " + QUIET_SECONDS + " s]");
    }

    /** How many were rejected so far for this event and field (for tests and the runbook). */
    public double count(String event, String field) {
        Counter counter = meters.find("ringback.ami.events.rejected").tags("event", event, "field", field).counter();
        return counter == null ? 0 : counter.count();
    }

    /** How many were rejected so far in all. */
    public double total() {
        return meters.find("ringback.ami.events.rejected").counters().stream().mapToDouble(Counter::count).sum();
    }
}
