package io.ringback.timecondition;

import io.camunda.zeebe.dmn.DecisionContext;
import io.camunda.zeebe.dmn.DecisionEngine;
import io.camunda.zeebe.dmn.DecisionEngineFactory;
import io.camunda.zeebe.msgpack.spec.MsgPackReader;
import io.camunda.zeebe.msgpack.spec.MsgPackToken;
import io.camunda.zeebe.msgpack.spec.MsgPackType;
import io.ringback.process.CallbackProcess;
import io.ringback.process.DecisionSource;
import io.ringback.process.DecisionSource.Decision;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.agrona.DirectBuffer;

/**
 * Answers "when does this time condition open next?" so that a callback waiting through a closed
 * night costs one timer, not a poll every few minutes. It evaluates the {@code callback-time-condition}
 * decision the engine evaluates (the deployed version, from a {@link DecisionSource}) with the engine's
 * own DMN implementation (zeebe-dmn), with the inputs the model's business rule task passes:
 * {@code timeCondition}, {@code localDate}, {@code dayOfWeek}, {@code localTime} in the queue's time
 * zone. The engine's own evaluation stays authoritative: after the wait, the model checks again.
 */
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

    /** Inputs under which the decision evaluates without error (for asking the engine which version is current). */
    public static final Map<String, Object> PROBE = Map.of("timeCondition", "", "localDate", "2000-01-01",
            "dayOfWeek", "Monday", "localTime", "00:00:00");

    /**
     * zeebe-dmn's engine writes each result into buffers it keeps: two threads evaluating at once (HTTP
     * requests showing a queue's schedule, job workers planning the next opening) would corrupt each
     * other's. One engine per thread; a parsed decision can be evaluated by any of them.
     */
    private static final ThreadLocal<DecisionEngine> ENGINES =
            ThreadLocal.withInitial(DecisionEngineFactory::createDecisionEngine);

    /**
     * How many answers are kept before the memo starts over: about ten time conditions for a whole
     * month at the 5-minute marks (a few MiB).
     */
    static final int MEMO_LIMIT = 100_000;

    private final DecisionSource decisions;
    /**
     * Answers already evaluated: a decision's answer depends only on the decision version and its
     * inputs (the time condition and the local date, day and time), so the schedule of a queue asked
     * for again and again (the agent desktop, the API, every scheduled callback's window check) and
     * the planner's searches cost one evaluation per moment and version, not one per question.
     */
    private final Map<Moment, Answer> memo = new ConcurrentHashMap<>();

    private final java.util.concurrent.atomic.LongAdder evaluations = new java.util.concurrent.atomic.LongAdder();

    /** What one evaluation's answer depends on. */
    private record Moment(Decision decision, String timeCondition, LocalDateTime local) {}

    public TimeConditionCalendar(DecisionSource decisions) {
        this.decisions = decisions;
    }

    /** How many times the decision was evaluated (answers from the memo are not counted). */
    long evaluations() {
        return evaluations.sum();
    }

    /** The time condition matches no row of the decision anywhere it was evaluated: it would never open. */
    public static class UnknownTimeConditionException extends RuntimeException {
        UnknownTimeConditionException(String timeCondition, String version) {
            super("Time condition '" + timeCondition + "' matches no row of " + version + " (decision "
                    + CallbackProcess.Decisions.TIME_CONDITION + "): add rows for it, or fix the timeCondition the "
                    + "settings decision gives, deploy, then retry this incident");
        }
    }

    /** What one evaluation said: whether a row matched, and whether it said open. */
    private record Answer(boolean matched, boolean open) {
        static final Answer NO_ROW = new Answer(false, false);
        static final Answer CLOSED = new Answer(true, false);
        static final Answer OPEN = new Answer(true, true);
    }

    /** Whether the time condition is open at this instant (false when no rule matches). */
    public boolean isOpen(String timeCondition, ZoneId zone, Instant at) {
        return evaluate(decisions.current(CallbackProcess.Decisions.TIME_CONDITION), timeCondition, zone, at).open();
    }

    /**
     * The first whole minute from {@code from} (inclusive) up to {@code until} at which the time
     * condition is open, or empty when it stays closed until then.
     *
     * @throws UnknownTimeConditionException when no row of the decision matched at any moment looked at
     */
    public Optional<Instant> nextOpening(String timeCondition, ZoneId zone, Instant from, Instant until) {
        Decision decision = decisions.current(CallbackProcess.Decisions.TIME_CONDITION);
        Instant end = until.isAfter(from.plus(HORIZON)) ? from.plus(HORIZON) : until;
        Instant first = from.truncatedTo(ChronoUnit.MINUTES);
        if (first.isBefore(from)) {
            first = first.plus(MINUTE);
        }
        Answer atFirst = evaluate(decision, timeCondition, zone, first);
        if (atFirst.open()) {
            return Optional.of(first);
        }
        boolean matched = atFirst.matched();
        Instant closed = first;
        for (Instant mark = nextMark(first); !mark.isAfter(end); mark = mark.plus(COARSE_STEP)) {
            Answer answer = evaluate(decision, timeCondition, zone, mark);
            matched |= answer.matched();
            if (answer.open()) {
                for (Instant minute = closed.plus(MINUTE); minute.isBefore(mark); minute = minute.plus(MINUTE)) {
                    if (evaluate(decision, timeCondition, zone, minute).open()) {
                        return Optional.of(minute);
                    }
                }
                return Optional.of(mark);
            }
            closed = mark;
        }
        if (!matched) {
            throw new UnknownTimeConditionException(timeCondition, decision.version());
        }
        return Optional.empty();
    }

    /** A stretch of time in which the time condition is open: from {@code start} (included) to {@code end} (excluded). */
    public record OpenPeriod(Instant start, Instant end) {}

    /**
     * The periods in which the time condition is open between {@code from} and {@code until}, to the
     * minute (found as {@link #nextOpening} finds an opening). A period still open at {@code until}
     * ends there.
     *
     * @throws UnknownTimeConditionException when no row of the decision matched at any moment looked at
     */
    public List<OpenPeriod> openPeriods(String timeCondition, ZoneId zone, Instant from, Instant until) {
        Decision decision = decisions.current(CallbackProcess.Decisions.TIME_CONDITION);
        Instant end = until.isAfter(from.plus(HORIZON)) ? from.plus(HORIZON) : until;
        Instant first = from.truncatedTo(ChronoUnit.MINUTES);
        if (first.isBefore(from)) {
            first = first.plus(MINUTE);
        }
        List<OpenPeriod> periods = new ArrayList<>();
        Answer atFirst = evaluate(decision, timeCondition, zone, first);
        boolean matched = atFirst.matched();
        boolean open = atFirst.open();
        Instant openedAt = open ? first : null;
        Instant previous = first;
        for (Instant mark = nextMark(first); mark.isBefore(end); mark = mark.plus(COARSE_STEP)) {
            Answer answer = evaluate(decision, timeCondition, zone, mark);
            matched |= answer.matched();
            if (answer.open() != open) {
                Instant change = mark;
                for (Instant minute = previous.plus(MINUTE); minute.isBefore(mark); minute = minute.plus(MINUTE)) {
                    if (evaluate(decision, timeCondition, zone, minute).open() != open) {
                        change = minute;
                        break;
                    }
                }
                if (open) {
                    periods.add(new OpenPeriod(openedAt, change));
                } else {
                    openedAt = change;
                }
                open = !open;
            }
            previous = mark;
        }
        if (open && openedAt.isBefore(end)) {
            periods.add(new OpenPeriod(openedAt, end));
        }
        if (!matched) {
            throw new UnknownTimeConditionException(timeCondition, decision.version());
        }
        return periods;
    }

    private Answer evaluate(Decision decision, String timeCondition, ZoneId zone, Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone).truncatedTo(ChronoUnit.SECONDS);
        Moment moment = new Moment(decision, timeCondition, local);
        Answer known = memo.get(moment);
        if (known != null) {
            return known;
        }
        Answer answer = evaluateNow(decision, timeCondition, local);
        evaluations.increment();
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear();
        }
        memo.put(moment, answer);
        return answer;
    }

    private static Answer evaluateNow(Decision decision, String timeCondition, LocalDateTime local) {
        Map<String, Object> inputs = Map.of(
                "timeCondition", timeCondition,
                "localDate", local.toLocalDate().toString(),
                "dayOfWeek", local.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH),
                "localTime", local.toLocalTime().format(TIME));
        DecisionContext context = () -> inputs;
        var result = ENGINES.get().evaluateDecisionById(decision.graph(),
                CallbackProcess.Decisions.TIME_CONDITION, context);
        if (result.isFailure()) {
            throw new IllegalStateException("time condition decision (" + decision.version() + ") failed: "
                    + result.getFailureMessage());
        }
        boolean matched = !result.getEvaluatedDecisions().isEmpty()
                && !result.getEvaluatedDecisions().getFirst().matchedRules().isEmpty();
        return !matched ? Answer.NO_ROW : isOpen(result.getOutput()) ? Answer.OPEN : Answer.CLOSED;
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

    /** The first 5-minute mark of the clock after this minute. */
    private static Instant nextMark(Instant minute) {
        long step = COARSE_STEP.toMinutes();
        long epochMinute = minute.getEpochSecond() / 60;
        return Instant.ofEpochSecond((epochMinute / step + 1) * step * 60);
    }
}
