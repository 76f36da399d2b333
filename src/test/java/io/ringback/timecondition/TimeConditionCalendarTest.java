package io.ringback.timecondition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import io.ringback.process.DecisionSource;
import org.springframework.core.io.ClassPathResource;

/** The shipped {@code dmn/callback-time-condition.dmn}, evaluated as the engine evaluates it. */
class TimeConditionCalendarTest {

    static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    final TimeConditionCalendar calendar =
            new TimeConditionCalendar(DecisionSource.of(new ClassPathResource("dmn/callback-time-condition.dmn")));

    static Instant at(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), SAO_PAULO).toInstant();
    }

    @Test
    void threadsThatEvaluateAtOnceGetTheSameAnswersAsOneAlone() throws Exception {
        // a queue's schedule shown to several agents at once, while the workers plan openings
        Instant from = at("2026-11-23T00:00:00");
        var alone = calendar.openPeriods("business-hours", SAO_PAULO, from, from.plus(java.time.Duration.ofDays(1)));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var results = pool.invokeAll(java.util.Collections.nCopies(4, () -> calendar.openPeriods("business-hours",
                    SAO_PAULO, from, from.plus(java.time.Duration.ofDays(1)))));
            for (var result : results) {
                assertThat(result.get()).isEqualTo(alone);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(alone).singleElement().isEqualTo(new TimeConditionCalendar.OpenPeriod(at("2026-11-23T08:00:00"),
                at("2026-11-23T18:00:00")));
    }

    @Test
    void businessHoursAreOpenOnAWeekdayAfternoonAndClosedAtNight() {
        assertThat(calendar.isOpen("business-hours", SAO_PAULO, at("2026-11-23T14:00:00"))).isTrue();  // Monday
        assertThat(calendar.isOpen("business-hours", SAO_PAULO, at("2026-11-23T18:00:00"))).isFalse(); // closing time
        assertThat(calendar.isOpen("business-hours", SAO_PAULO, at("2026-11-23T07:59:59"))).isFalse();
        assertThat(calendar.isOpen("business-hours", SAO_PAULO, at("2026-11-28T10:00:00"))).isTrue();  // Saturday
        assertThat(calendar.isOpen("business-hours", SAO_PAULO, at("2026-11-29T10:00:00"))).isFalse(); // Sunday
    }

    @Test
    void holidaysAreClosedAllDay() {
        assertThat(calendar.isOpen("business-hours", SAO_PAULO, at("2026-12-25T10:00:00"))).isFalse(); // a Friday
    }

    @Test
    void theTimeConditionIsReadInTheQueuesTimeZone() {
        // 10:00 UTC on a Monday is 07:00 in Sao Paulo: still closed there
        assertThat(calendar.isOpen("business-hours", SAO_PAULO, Instant.parse("2026-11-23T10:00:00Z"))).isFalse();
        assertThat(calendar.isOpen("business-hours", ZoneId.of("UTC"), Instant.parse("2026-11-23T10:00:00Z"))).isTrue();
    }

    @Test
    void aClosedSaturdayAfternoonOpensAgainOnMondayMorning() {
        var next = calendar.nextOpening("business-hours", SAO_PAULO, at("2026-11-28T15:30:20"), at("2026-12-05T00:00:00"));
        assertThat(next).contains(at("2026-11-30T08:00:00"));
    }

    @Test
    void theNextOpeningSkipsAHoliday() {
        var next = calendar.nextOpening("business-hours", SAO_PAULO, at("2026-12-24T19:00:00"), at("2027-01-10T00:00:00"));
        assertThat(next).contains(at("2026-12-26T09:00:00")); // 24th and 25th are holidays; the 26th is a Saturday
    }

    @Test
    void noOpeningBeforeTheDeadlineIsEmpty() {
        var next = calendar.nextOpening("business-hours", SAO_PAULO, at("2026-11-28T15:00:00"), at("2026-11-29T23:00:00"));
        assertThat(next).isEmpty();
    }

    @Test
    void anAlwaysOpenConditionOpensAtTheNextWholeMinute() {
        Instant from = Instant.parse("2026-11-28T15:00:20Z");
        assertThat(calendar.nextOpening("always", SAO_PAULO, from, from.plusSeconds(3600)))
                .contains(Instant.parse("2026-11-28T15:01:00Z"));
    }

    @Test
    void anOpeningOffTheFiveMinuteMarksIsFoundToTheMinute() {
        var odd = new TimeConditionCalendar(DecisionSource.of(new ClassPathResource("models/time-condition-odd.dmn")));
        assertThat(odd.nextOpening("odd", SAO_PAULO, at("2026-11-23T07:41:10"), at("2026-11-24T00:00:00")))
                .contains(at("2026-11-23T08:03:00"));
        assertThat(calendar.nextOpening("business-hours", SAO_PAULO, at("2026-11-23T07:57:10"), at("2026-11-24T00:00:00")))
                .contains(at("2026-11-23T08:00:00"));
        assertThat(calendar.nextOpening("business-hours", SAO_PAULO, at("2026-11-23T17:59:00"), at("2026-11-24T23:00:00")))
                .contains(at("2026-11-23T17:59:00"));
    }

    @Test
    void anUnknownTimeConditionIsNeverOpen() {
        assertThat(calendar.isOpen("no-such-condition", SAO_PAULO, at("2026-11-23T14:00:00"))).isFalse();
    }

    @Test
    void theOpeningOfAnUnknownTimeConditionIsAnErrorNamingItNotASilentWait() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> calendar.nextOpening("no-such-condition", SAO_PAULO,
                        at("2026-11-23T14:00:00"), at("2026-11-23T16:00:00")))
                .isInstanceOf(TimeConditionCalendar.UnknownTimeConditionException.class)
                .hasMessageContaining("'no-such-condition'").hasMessageContaining("callback-time-condition.dmn");
    }

    @Test
    void aScheduleAskedForAgainIsAnsweredWithoutEvaluatingTheDecisionAgain() {
        // the agent desktop and the API show a queue's schedule again and again; every scheduled window is checked
        Instant from = at("2026-11-23T00:00:00");
        var first = calendar.openPeriods("business-hours", SAO_PAULO, from, from.plus(java.time.Duration.ofDays(7)));
        long evaluated = calendar.evaluations();

        var again = calendar.openPeriods("business-hours", SAO_PAULO, from, from.plus(java.time.Duration.ofDays(7)));
        var partOfIt = calendar.nextOpening("business-hours", SAO_PAULO, at("2026-11-24T19:00:00"), at("2026-11-29T00:00:00"));

        assertThat(evaluated).as("a week at the 5-minute marks, and the minutes around each change")
                .isBetween(7L * 288, 7L * 288 + 100);
        assertThat(calendar.evaluations()).as("evaluations after the first question").isEqualTo(evaluated);
        assertThat(again).isEqualTo(first).hasSize(6); // Monday to Saturday
        assertThat(partOfIt).contains(at("2026-11-25T08:00:00"));
    }

    @Test
    void aNewVersionOfTheDecisionIsEvaluatedNotAnsweredFromThePreviousOne() {
        // an analyst deploys a new version: what the old one said is not used for it
        var shipped = DecisionSource.of(new ClassPathResource("dmn/callback-time-condition.dmn"));
        var odd = DecisionSource.of(new ClassPathResource("models/time-condition-odd.dmn"));
        var deployed = new java.util.concurrent.atomic.AtomicReference<>(shipped);
        var calendar = new TimeConditionCalendar(id -> deployed.get().current(id));
        Instant at = at("2026-11-23T08:05:00");

        assertThat(calendar.isOpen("odd", SAO_PAULO, at)).as("no row for it in the shipped version").isFalse();
        deployed.set(odd);
        assertThat(calendar.isOpen("odd", SAO_PAULO, at)).as("the new version opens it at 08:03").isTrue();
        deployed.set(shipped);
        assertThat(calendar.isOpen("odd", SAO_PAULO, at)).isFalse();
    }
}
