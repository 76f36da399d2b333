package io.ringback.directory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of the directory's values, at their boundaries. */
class AgentValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"agent1", "a", "0", "ana.souza", "ana_souza", "ana-souza", "9to5", "reconciliation2"})
    void userIdsOfLowerCaseLettersDigitsAndDotUnderscoreDashAreAccepted(String userId) {
        assertThat(AgentValues.USER_ID.accepts(userId)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Agent1", "ana souza", ".ana", "-ana", "_ana", "ana@example", "ana/1", "josé",
            "ana\nx", "reconciliation"})
    void userIdsInUpperCaseWithOtherCharactersOrTheReservedPathAreRefused(String userId) {
        assertThat(AgentValues.USER_ID.accepts(userId)).isFalse();
    }

    @Test
    void aUserIdIsAtMost64Characters() {
        assertThat(AgentValues.USER_ID.accepts("a".repeat(64))).isTrue();
        assertThat(AgentValues.USER_ID.accepts("a".repeat(65))).isFalse();
        assertThat(AgentValues.USER_ID.accepts(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"support-team", "s", "team.2", "night_shift"})
    void groupNamesAreSpelledLikeUserIds(String group) {
        assertThat(AgentValues.GROUP.accepts(group)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Support-Team", "-team", "support team", "team\r\n"})
    void groupNamesWithUpperCaseOrOtherCharactersAreRefused(String group) {
        assertThat(AgentValues.GROUP.accepts(group)).isFalse();
    }

    @Test
    void aGroupNameIsAtMost64Characters() {
        assertThat(AgentValues.GROUP.accepts("g".repeat(64))).isTrue();
        assertThat(AgentValues.GROUP.accepts("g".repeat(65))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PJSIP/1001", "Local/agent1@agents", "SIP/agent-1", "IAX2/trunk:4569", "DAHDI/g1/5551234",
            "Local/+5511987654321@from-internal", "pjsip/ana.souza", "PJSIP/1001_softphone"})
    void asteriskInterfacesAreAccepted(String memberInterface) {
        assertThat(AgentValues.INTERFACE.accepts(memberInterface)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1001", "PJSIP", "PJSIP/", "/1001", "PJSIP//1001", "PJ-SIP/1001", "2SIP/1001",
            "PJSIP/1001&PJSIP/1002", "PJSIP/1001,r", "PJSIP/10 01", "PJSIP/1001\r\nAction: Originate", "PJSIP/josé",
            "PJSIP/${EXTEN}"})
    void interfacesThatAreNotOneAsteriskDeviceAreRefused(String memberInterface) {
        assertThat(AgentValues.INTERFACE.accepts(memberInterface)).isFalse();
    }

    @Test
    void anInterfaceIsAtMost80Characters() {
        String at80 = "PJSIP/" + "1".repeat(74);
        assertThat(at80).hasSize(80);
        assertThat(AgentValues.INTERFACE.accepts(at80)).isTrue();
        assertThat(AgentValues.INTERFACE.accepts(at80 + "1")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana Souza", "A", "José da Silva", "李小龙", "Ana 👩‍💻", "O'Brien", "Ana <ana@example.com>"})
    void displayNamesInAnyScriptAreAccepted(String name) {
        assertThat(AgentValues.DISPLAY_NAME.accepts(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "Ana\nSouza", "Ana\r\nAction: Originate", "Ana\tSouza", "Ana\u0085",
            "Ana\u2028Souza", "Ana\u0000", "\uD83D"})
    void blankDisplayNamesOrNamesWithControlCharactersAreRefused(String name) {
        assertThat(AgentValues.DISPLAY_NAME.accepts(name)).isFalse();
    }

    @Test
    void aDisplayNameIsAtMost120CodePointsWhateverItsScript() {
        assertThat(AgentValues.DISPLAY_NAME.accepts("a".repeat(120))).isTrue();
        assertThat(AgentValues.DISPLAY_NAME.accepts("a".repeat(121))).isFalse();
        String emoji120 = "😀".repeat(120); // 240 UTF-16 chars, 120 code points
        assertThat(AgentValues.DISPLAY_NAME.accepts(emoji120)).isTrue();
        assertThat(AgentValues.DISPLAY_NAME.accepts(emoji120 + "😀")).isFalse();
    }

    @Test
    void interfacesAreOneWhateverTheirCase() {
        assertThat(AgentValues.interfaceKey("PJSIP/Ana")).isEqualTo(AgentValues.interfaceKey("pjsip/ana"));
    }
}
