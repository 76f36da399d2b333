package io.ringback.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one allow-list of what Ringback takes from outside, at the boundaries of each rule: the values that
 * reach AMI headers, channel variables and log lines, and the agent directory's names.
 */
class InputRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"support", "sales-2", "queue_1", "vip.gold", "q@tenant", "900+"})
    void queueNamesAsteriskUsesAreAccepted(String queue) {
        assertThat(InputRule.QUEUE.accepts(queue)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "support\r\nAction: Originate", "support\nx", "../../etc/passwd", "'; drop table callbacks; --",
            "with space", "nul\u0000", "-leading-dash", "ümlaut"})
    void queueNamesThatCouldInjectAHeaderOrAPathAreRefused(String queue) {
        assertThat(InputRule.QUEUE.accepts(queue)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"custom/callback", "custom/callback-support", "", "en/thank-you.gsm"})
    void soundNamesAreAccepted(String sound) {
        assertThat(InputRule.SOUND.accepts(sound)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a&b", "custom/callback,then", "x\r\ny", "/etc/passwd", "${EXTEN}"})
    void soundNamesThatChainOrEscapeAreRefused(String sound) {
        assertThat(InputRule.SOUND.accepts(sound)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"José da Silva", "李小龙", "Ana 👩‍💻", "O'Brien"})
    void namesInAnyScriptAreAccepted(String name) {
        assertThat(InputRule.CALLER_NAME.accepts(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana\r\nAction: Logoff", "tab\there", "nul\u0000", "line\u2028separator", "lone\uD800surrogate"})
    void namesWithControlCharactersAreRefused(String name) {
        assertThat(InputRule.CALLER_NAME.accepts(name)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aNameIsCountedInCharactersNotUtf16Units() {
        assertThat(InputRule.CALLER_NAME.accepts("😀".repeat(250))).isTrue();
        assertThat(InputRule.CALLER_NAME.accepts("😀".repeat(251))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aValueLoggedAsTheReasonOfItsRejectionCannotBreakTheLogLine() {
        assertThat(InputRule.forLog("support\r\nAction: Originate")).isEqualTo("support??Action: Originate");
        assertThat(InputRule.forLog("x".repeat(100))).hasSize(81);
    }


    @ParameterizedTest
    @ValueSource(strings = {"agent1", "a", "0", "ana.souza", "ana_souza", "ana-souza", "9to5", "reconciliation2"})
    void userIdsOfLowerCaseLettersDigitsAndDotUnderscoreDashAreAccepted(String userId) {
        assertThat(InputRule.USER_ID.accepts(userId)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Agent1", "ana souza", ".ana", "-ana", "_ana", "ana@example", "ana/1", "josé",
            "ana\nx", "reconciliation"})
    void userIdsInUpperCaseWithOtherCharactersOrTheReservedPathAreRefused(String userId) {
        assertThat(InputRule.USER_ID.accepts(userId)).isFalse();
    }

    @Test
    void aUserIdIsAtMost64Characters() {
        assertThat(InputRule.USER_ID.accepts("a".repeat(64))).isTrue();
        assertThat(InputRule.USER_ID.accepts("a".repeat(65))).isFalse();
        assertThat(InputRule.USER_ID.accepts(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"support-team", "s", "team.2", "night_shift"})
    void groupNamesAreSpelledLikeUserIds(String group) {
        assertThat(InputRule.GROUP.accepts(group)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Support-Team", "-team", "support team", "team\r\n"})
    void groupNamesWithUpperCaseOrOtherCharactersAreRefused(String group) {
        assertThat(InputRule.GROUP.accepts(group)).isFalse();
    }

    @Test
    void aGroupNameIsAtMost64Characters() {
        assertThat(InputRule.GROUP.accepts("g".repeat(64))).isTrue();
        assertThat(InputRule.GROUP.accepts("g".repeat(65))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PJSIP/1001", "Local/agent1@agents", "SIP/agent-1", "IAX2/trunk:4569", "DAHDI/g1/5551234",
            "Local/+5511987654321@from-internal", "pjsip/ana.souza", "PJSIP/1001_softphone"})
    void asteriskInterfacesAreAccepted(String memberInterface) {
        assertThat(InputRule.INTERFACE.accepts(memberInterface)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1001", "PJSIP", "PJSIP/", "/1001", "PJSIP//1001", "PJ-SIP/1001", "2SIP/1001",
            "PJSIP/1001&PJSIP/1002", "PJSIP/1001,r", "PJSIP/10 01", "PJSIP/1001\r\nAction: Originate", "PJSIP/josé",
            "PJSIP/${EXTEN}"})
    void interfacesThatAreNotOneAsteriskDeviceAreRefused(String memberInterface) {
        assertThat(InputRule.INTERFACE.accepts(memberInterface)).isFalse();
    }

    @Test
    void anInterfaceIsAtMost80Characters() {
        String at80 = "PJSIP/" + "1".repeat(74);
        assertThat(at80).hasSize(80);
        assertThat(InputRule.INTERFACE.accepts(at80)).isTrue();
        assertThat(InputRule.INTERFACE.accepts(at80 + "1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana Souza", "A", "José da Silva", "李小龙", "Ana 👩‍💻", "O'Brien", "Ana <ana@example.com>"})
    void displayNamesInAnyScriptAreAccepted(String name) {
        assertThat(InputRule.DISPLAY_NAME.accepts(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "Ana\nSouza", "Ana\r\nAction: Originate", "Ana\tSouza", "Ana\u0085",
            "Ana\u2028Souza", "Ana\u0000", "\uD83D"})
    void blankDisplayNamesOrNamesWithControlCharactersAreRefused(String name) {
        assertThat(InputRule.DISPLAY_NAME.accepts(name)).isFalse();
    }

    @Test
    void aDisplayNameIsAtMost120CodePointsWhateverItsScript() {
        assertThat(InputRule.DISPLAY_NAME.accepts("a".repeat(120))).isTrue();
        assertThat(InputRule.DISPLAY_NAME.accepts("a".repeat(121))).isFalse();
        String emoji120 = "😀".repeat(120); // 240 UTF-16 chars, 120 code points
        assertThat(InputRule.DISPLAY_NAME.accepts(emoji120)).isTrue();
        assertThat(InputRule.DISPLAY_NAME.accepts(emoji120 + "😀")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana\uFFFDSouza", "Ana\u202ESouza", "Ana\u2066x", "Ana\uFFFF"})
    void textWithWhatIsLeftOfBytesThatWereNotUtf8OrBidiOverridesIsRefused(String name) {
        assertThat(InputRule.CALLER_NAME.accepts(name)).isFalse();
        assertThat(InputRule.DISPLAY_NAME.accepts(name)).isFalse();
        assertThat(InputRule.REASON.accepts(name)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aValueEchoedInALogLineOrAProblemHasNoControlCharacter() {
        assertThat(InputRule.forLog("a\u0000b\u202Ec\uD800")).isEqualTo("a?b?c?");
        assertThat(InputRule.forLog(null)).isEqualTo("null");
    }

    @org.junit.jupiter.api.Test
    void everyRuleSaysItsMaximumLengthAndHoldsToIt() {
        for (InputRule rule : InputRule.values()) {
            String tooLong = (rule == InputRule.INTERFACE ? "PJSIP/" : "") + "1".repeat(rule.maxLength() + 1);
            assertThat(rule.accepts(tooLong)).as(rule + " refuses " + (rule.maxLength() + 1)).isFalse();
        }
    }
}
