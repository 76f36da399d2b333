package io.ringback.timecondition;

import io.camunda.zeebe.dmn.DecisionContext;
import io.camunda.zeebe.dmn.DecisionEngine;
import io.camunda.zeebe.dmn.DecisionEngineFactory;
import io.camunda.zeebe.dmn.ParsedDecisionRequirementsGraph;
import io.camunda.zeebe.msgpack.spec.MsgPackReader;
import io.camunda.zeebe.msgpack.spec.MsgPackToken;
import io.camunda.zeebe.msgpack.spec.MsgPackType;
import io.ringback.process.CallbackProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.agrona.DirectBuffer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Answers "when does this time condition open next?" so that a callback waiting through a closed
 * night costs one timer, not a poll every few minutes. It evaluates the same
 * {@code callback-time-condition} decision with the engine's own DMN implementation (zeebe-dmn),
 * with the inputs the model's business rule task passes: {@code timeCondition}, {@code localDate},
 * {@code dayOfWeek}, {@code localTime} in the queue's time zone. The engine's own evaluation stays
 * authoritative: after the wait, the model checks the decision again.
 */
@Component
public class TimeConditionCalendar {

    /** Openings are found to the minute. */
    static final Duration MINUTE = Duration.ofMinutes(1);
    /**
     * The search looks at every 5-minute mark of the clock (where schedules open in practice) and
     * then finds the exact minute. A window shorter than 5 minutes that lies wholly between two
     * marks is not seen; the model then waits for the next opening found (or the time limit).
     */
    static final Duration COARSE_STEP = Duration.ofMinutes(5);
    /** Searching further than this is pointless: no time limit is that long. */
    static final Duration HORIZON = Duration.ofDays(31);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final DecisionEngine engine = DecisionEngineFactory.createDecisionEngine();
    private final ParsedDecisionRequirementsGraph drg;

    public TimeConditionCalendar() {
        this(new ClassPathResource("dmn/callback-time-condition.dmn"));
    }

    TimeConditionCalendar(ClassPathResource dmn) {
        try (InputStream in = dmn.getInputStream()) {
            drg = engine.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dmn.getPath(), e);
        }
        if (!drg.isValid()) {
            throw new IllegalStateException("invalid time condition decision: " + drg.getFailureMessage());
        }
    }

    /** Whether the time condition is open at this instant (false when no rule matches). */
    public boolean isOpen(String timeCondition, ZoneId zone, Instant at) {
        ZonedDateTime local = at.atZone(zone);
        Map<String, Object> inputs = Map.of(
                "timeCondition", timeCondition,
                "localDate", local.toLocalDate().toString(),
                "dayOfWeek", local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                "localTime", local.toLocalTime().truncatedTo(ChronoUnit.SECONDS).format(TIME));
        DecisionContext context = () -> inputs;
        var result = engine.evaluateDecisionById(drg, CallbackProcess.Decisions.TIME_CONDITION, context);
        if (result.isFailure()) {
            throw new IllegalStateException("time condition decision failed: " + result.getFailureMessage());
        }
        return !result.getEvaluatedDecisions().isEmpty()
                && !result.getEvaluatedDecisions().getFirst().matchedRules().isEmpty()
                && isOpen(result.getOutput());
    }

    /** The decision's output, a msgpack map of the output names: is {@code open} the boolean {@code true}? */
    private static boolean isOpen(DirectBuffer output) {
        MsgPackReader reader = new MsgPackReader();
        reader.wrap(output, 0, output.capacity());
        MsgPackToken token = reader.readToken();
        if (token.getType() != MsgPackType.MAP) {
            return false;
        }
        int entries = token.getSize();
        for (int i = 0; i < entries; i++) {
            MsgPackToken key = reader.readToken();
            boolean isOpenKey = key.getType() == MsgPackType.STRING
                    && "open".equals(key.getValueBuffer().getStringWithoutLengthUtf8(0, key.getValueBuffer().capacity()));
            if (isOpenKey) {
                MsgPackToken value = reader.readToken();
                return value.getType() == MsgPackType.BOOLEAN && value.getBooleanValue();
            }
            reader.skipValue();
        }
        return false;
    }

    /**
     * The first whole minute from {@code from} (inclusive) up to {@code until} at which the time
     * condition is open, or empty when it stays closed until then.
     */
    public Optional<Instant> nextOpening(String timeCondition, ZoneId zone, Instant from, Instant until) {
        Instant end = until.isAfter(from.plus(HORIZON)) ? from.plus(HORIZON) : until;
        Instant first = from.truncatedTo(ChronoUnit.MINUTES);
        if (first.isBefore(from)) {
            first = first.plus(MINUTE);
        }
        if (first.isAfter(end)) {
            return Optional.empty();
        }
        if (isOpen(timeCondition, zone, first)) {
            return Optional.of(first);
        }
        Instant closed = first;
        for (Instant mark = nextMark(first); !mark.isAfter(end); mark = mark.plus(COARSE_STEP)) {
            if (isOpen(timeCondition, zone, mark)) {
                for (Instant minute = closed.plus(MINUTE); minute.isBefore(mark); minute = minute.plus(MINUTE)) {
                    if (isOpen(timeCondition, zone, minute)) {
                        return Optional.of(minute);
                    }
                }
                return Optional.of(mark);
            }
            closed = mark;
        }
        return Optional.empty();
    }

    /** The first 5-minute mark of the clock after this minute. */
    private static Instant nextMark(Instant minute) {
        long step = COARSE_STEP.toMinutes();
        long epochMinute = minute.getEpochSecond() / 60;
        return Instant.ofEpochSecond((epochMinute / step + 1) * step * 60);
    }
}
