package io.ringback.scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringback.support.InvalidRequestException;
import io.ringback.support.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The field rules of a scheduled callback at every boundary (SPEC §3), with the clock fixed at
 * 2026-12-01T12:00Z (09:00 in Sao Paulo, 07:00 in New York).
 */
class ScheduledCallbackRulesTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    final ScheduledCallbackRules rules = new ScheduledCallbackRules(
            new PhoneNumbers("BR", () -> "test-key".getBytes()), Clock.fixed(NOW, ZoneOffset.UTC));

    static ScheduledCallbackRequest request(String phone, String name, String start, String end, String zone, String reason) {
        return new ScheduledCallbackRequest(phone, name, start, end, zone, "support", reason, null);
    }

    /** A valid request but for what the test changes: Sao Paulo, 10:00 to 12:00 tomorrow. */
    static ScheduledCallbackRequest valid() {
        return request("+55 11987654321", "Ana Souza", "2026-12-02T10:00", "2026-12-02T12:00", "America/Sao_Paulo", null);
    }

    private Map<String, String> errors(ScheduledCallbackRequest request) {
        try {
            rules.check(request, NOW);
        } catch (InvalidRequestException e) {
            return e.fieldErrors();
        }
        return Map.of();
    }

    @Test
    void aValidRequestIsNormalisedAndKeepsWhatWasTyped() {
        var checked = rules.check(valid(), NOW);

        assertThat(checked.phoneNumber()).isEqualTo("+5511987654321");
        assertThat(checked.phoneNumberAsGiven()).isEqualTo("+55 11987654321");
        assertThat(checked.window().start()).isEqualTo(Instant.parse("2026-12-02T13:00:00Z"));
        assertThat(checked.window().end()).isEqualTo(Instant.parse("2026-12-02T15:00:00Z"));
        assertThat(checked.window().startOffset()).isEqualTo(ZoneOffset.ofHours(-3));
    }

    @ParameterizedTest(name = "windowStart {0} in Sao Paulo: {1}")
    @CsvSource({
            "2026-12-01T09:29, refused", // 29 minutes from now
            "2026-12-01T09:30, accepted", // 30 minutes
            "2027-01-01T09:00, accepted", // 31 days
            "2027-01-01T09:01, refused"}) // 31 days and a minute
    void theWindowStartsThirtyMinutesToThirtyOneDaysFromNow(String start, String verdict) {
        var end = java.time.LocalDateTime.parse(start).plusHours(1).toString();
        var result = errors(request("11987654321", "Ana", start, end, "America/Sao_Paulo", null));

        if (verdict.equals("accepted")) {
            assertThat(result).isEmpty();
        } else {
            assertThat(result).containsOnlyKeys("windowStart");
        }
    }

    @Test
    void theEarliestStartIsNamedInTheCustomersZone() {
        var result = errors(request("11987654321", "Ana", "2026-12-01T09:10", "2026-12-01T10:00", "America/Sao_Paulo", null));
        assertThat(result.get("windowStart")).isEqualTo("must be at least 30 minutes from now: 2026-12-01T09:30 in "
                + "America/Sao_Paulo or later");
    }

    @ParameterizedTest(name = "window end {0}: {1}")
    @CsvSource({"2026-12-02T10:00, refused", "2026-12-02T10:01, accepted", "2026-12-02T18:00, accepted",
            "2026-12-02T18:01, refused", "2026-12-02T09:00, refused"})
    void theWindowEndsAfterItsStartAndAtMostEightHoursLater(String end, String verdict) {
        var result = errors(request("11987654321", "Ana", "2026-12-02T10:00", end, "America/Sao_Paulo", null));
        assertThat(result.isEmpty()).isEqualTo(verdict.equals("accepted"));
        if (!result.isEmpty()) {
            assertThat(result).containsOnlyKeys("windowEnd");
        }
    }

    @ParameterizedTest(name = "phone number \"{0}\": {1}")
    @CsvSource(delimiter = '|', value = {
            "987 654 | accepted",         // 7 characters, 6 digits: an extension (\"ramal\") is a number too
            "1234567 | accepted",         // 7 characters
            "123456 | refused",           // 6
            "+55 11 98765-43 | accepted", // 15 characters
            "+55 11 98765-432 | refused", // 16
            "+55 11 98765-4321 | refused", // 17: the rule counts what is typed
            "11.98765,4321 | accepted",   // dots and commas
            "(11) 98765-4321 | refused",  // parentheses are not allowed
            "11 98765 4321x | refused"})
    void thePhoneNumberIsSevenToFifteenCharactersOfDigitsSpacesHyphensCommasAndDots(String phone, String verdict) {
        var result = errors(request(phone, "Ana", "2026-12-02T10:00", "2026-12-02T11:00", "America/Sao_Paulo", null));
        assertThat(result.isEmpty()).as("%s", result).isEqualTo(verdict.equals("accepted"));
    }

    @Test
    void theRecipientNameIsThreeTo250CharactersCountedAsCharactersNotBytes() {
        String emoji = "😀"; // one character, two UTF-16 units, four bytes
        assertThat(errors(named("Al"))).containsOnlyKeys("recipientName");
        assertThat(errors(named("Ali"))).isEmpty();
        assertThat(errors(named(emoji.repeat(3)))).as("three emoji are three characters").isEmpty();
        assertThat(errors(named("ção".repeat(83) + "ã"))).as("250 characters, 500 bytes").isEmpty();
        assertThat(errors(named(emoji.repeat(250)))).isEmpty();
        assertThat(errors(named(emoji.repeat(251)))).containsEntry("recipientName",
                "must be 3 to 250 characters (it has 251)");
        assertThat(errors(named("   "))).containsEntry("recipientName", "must not be blank");
        assertThat(errors(named("Ana\nSouza"))).containsEntry("recipientName",
                "must not contain control characters or line breaks");
        assertThat(errors(named("Ana\u0000"))).containsOnlyKeys("recipientName");
    }

    private static ScheduledCallbackRequest named(String name) {
        return request("11987654321", name, "2026-12-02T10:00", "2026-12-02T11:00", "America/Sao_Paulo", null);
    }

    @Test
    void theReasonIsOptionalAndAtMost250CharactersOfAnyUnicode() {
        assertThat(errors(withReason(null))).isEmpty();
        assertThat(errors(withReason("  "))).as("a blank reason is no reason").isEmpty();
        assertThat(errors(withReason("é".repeat(250)))).isEmpty();
        assertThat(errors(withReason("日本".repeat(125)))).isEmpty();
        assertThat(errors(withReason("é".repeat(251)))).containsEntry("reason", "must be at most 250 characters (it has 251)");
        assertThat(errors(withReason("line\r\nbreak"))).containsOnlyKeys("reason");
    }

    @Test
    void aReasonOfOnlyALineBreakIsRefusedNotTakenAsNoReason() {
        // HttpFuzzTest, shrunk: "reason": "\r" was blank to isBlank(), so the request was accepted with it
        assertThat(errors(withReason("\r"))).containsEntry("reason", "must not contain control characters or line breaks");
        assertThat(errors(withReason(" \t "))).containsOnlyKeys("reason");
        assertThat(errors(named("\r\n\t"))).containsEntry("recipientName", "must not contain control characters or line breaks");
    }

    private static ScheduledCallbackRequest withReason(String reason) {
        return request("11987654321", "Ana", "2026-12-02T10:00", "2026-12-02T11:00", "America/Sao_Paulo", reason);
    }

    @ParameterizedTest(name = "time zone \"{0}\"")
    @CsvSource({"Mars/Olympus", "-03:00", "GMT-3", "Z", "america/sao_paulo", "' '"})
    void theTimeZoneIsAnIanaZone(String zone) {
        assertThat(errors(request("11987654321", "Ana", "2026-12-02T10:00", "2026-12-02T11:00", zone, null)))
                .containsOnlyKeys("timeZone");
    }

    @Test
    void aLocalTimeTheClocksSkipInNewYorkIsRefusedWithTheReason() {
        // New York springs forward on 2027-03-14 at 02:00: 02:30 that day does not exist
        var rulesInMarch = new ScheduledCallbackRules(new PhoneNumbers("US", () -> "k".getBytes()),
                Clock.fixed(Instant.parse("2027-03-10T12:00:00Z"), ZoneOffset.UTC));
        var request = request("+1 212 555 0100", "Ana", "2027-03-14T02:30", "2027-03-14T04:00", "America/New_York", null);

        assertThatThrownBy(() -> rulesInMarch.check(request, Instant.parse("2027-03-10T12:00:00Z")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.fieldErrors())
                        .containsOnly(Map.entry("windowStart", "2027-03-14T02:30 does not exist in America/New_York: the "
                                + "clocks go from 02:00 to 03:00 that day (UTC-05:00 to UTC-04:00)")));
    }

    @Test
    void aLocalTimeTheClocksPassTwiceInNewYorkTakesTheEarlierOffset() {
        var rulesInOctober = new ScheduledCallbackRules(new PhoneNumbers("US", () -> "k".getBytes()),
                Clock.fixed(Instant.parse("2026-10-30T12:00:00Z"), ZoneOffset.UTC));

        var checked = rulesInOctober.check(
                request("+1 212 555 0100", "Ana", "2026-11-01T01:30", "2026-11-01T03:00", "America/New_York", null),
                Instant.parse("2026-10-30T12:00:00Z"));

        assertThat(checked.window().start()).as("01:30 EDT, the first of the two").isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
        assertThat(checked.window().startOffset()).isEqualTo(ZoneOffset.ofHours(-4));
        assertThat(checked.window().end()).isEqualTo(Instant.parse("2026-11-01T08:00:00Z"));
        assertThat(ScheduledCallbackViews.WindowView.of(checked.window()).note())
                .isEqualTo("2026-11-01T01:30:00 happens twice in America/New_York (the clocks go back): the earlier "
                        + "one, at UTC-04:00, was taken.");
    }

    @Test
    void aWindowInSaoPauloHasNoDaylightSavingTime() {
        var checked = rules.check(request("11987654321", "Ana", "2026-12-20T23:00", "2026-12-21T02:00",
                "America/Sao_Paulo", null), NOW);
        assertThat(checked.window().startOffset()).isEqualTo(ZoneOffset.ofHours(-3));
        assertThat(java.time.Duration.between(checked.window().start(), checked.window().end())).hasHours(3);
    }

    @Test
    void missingFieldsAreAllNamedAtOnce() {
        assertThat(errors(new ScheduledCallbackRequest(null, null, null, null, null, null, null, null)))
                .containsOnlyKeys("phoneNumber", "recipientName", "windowStart", "windowEnd", "timeZone", "queue");
        assertThat(errors(new ScheduledCallbackRequest("11987654321", "Ana", "tomorrow", "2026-12-02T11:00+01:00",
                "America/Sao_Paulo", "support", null, null))).containsOnlyKeys("windowStart", "windowEnd");
    }

    static ScheduledCallbackRequest withOwner(String agent, String group, String waitSeconds) {
        var v = valid();
        return new ScheduledCallbackRequest(v.phoneNumber(), v.recipientName(), v.windowStart(), v.windowEnd(),
                v.timeZone(), v.queue(), v.reason(), null, agent, group, waitSeconds);
    }

    @ParameterizedTest(name = "ownerAgent={0} ownerGroup={1} ownerWaitSeconds={2}: {3}")
    @CsvSource(nullValues = "null", value = {
            "me, null, null, accepted",
            "agent1, null, 0, accepted",
            "agent1, null, 28800, accepted", // 8 hours, the longest window
            "agent1, null, 28801, ownerWaitSeconds",
            "agent1, null, -1, ownerWaitSeconds",
            "agent1, null, 1.5, ownerWaitSeconds",
            "agent1, null, ten, ownerWaitSeconds",
            "null, support-team, 60, accepted",
            "null, null, 60, ownerWaitSeconds", // a wait without an owner to wait for
            "agent1, support-team, null, ownerGroup", // one owner
            "Agent One, null, null, ownerAgent",
            "null, vip team, null, ownerGroup"})
    void theOwnerIsOneAgentOrOneGroupAndTheOwnerWaitAtMostEightHours(String agent, String group, String wait,
                                                                     String expected) {
        var errors = errors(withOwner(agent, group, wait));
        if (expected.equals("accepted")) {
            assertThat(errors).isEmpty();
            var owner = rules.check(withOwner(agent, group, wait), NOW).owner();
            assertThat(owner.agent()).isEqualTo(agent);
            assertThat(owner.group()).isEqualTo(group);
            assertThat(owner.waitSeconds()).isEqualTo(wait == null ? null : Integer.valueOf(wait));
        } else {
            assertThat(errors).containsOnlyKeys(expected);
        }
    }

    @Test
    void withoutAnOwnerTheQueueTakesTheCallback() {
        assertThat(rules.check(valid(), NOW).owner().isNone()).isTrue();
        assertThat(rules.check(withOwner(" ", "", null), NOW).owner().isNone()).as("blank is none").isTrue();
    }

    @Test
    void aLineBreakIsNotABlankOwnerNorSpaceAroundOne() {
        // as "reason": "\r" (HttpFuzzTest): isBlank() and strip() would take the control character away and accept it
        assertThat(errors(withOwner("\r", null, null))).containsOnlyKeys("ownerAgent");
        assertThat(errors(withOwner("agent1\r", null, null))).containsOnlyKeys("ownerAgent");
        assertThat(errors(withOwner(null, "\t", null))).containsOnlyKeys("ownerGroup");
        assertThat(errors(withOwner("agent1", null, "60\n"))).containsOnlyKeys("ownerWaitSeconds");
        assertThat(errors(withOwner(" agent1 ", null, null))).as("spaces around a value are no part of it").isEmpty();
    }
}
