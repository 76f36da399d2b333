package io.ringback.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one allow-list of values that reach AMI headers, channel variables and log lines. */
class PbxValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"support", "sales-2", "queue_1", "vip.gold", "q@tenant", "900+"})
    void queueNamesAsteriskUsesAreAccepted(String queue) {
        assertThat(PbxValues.QUEUE.accepts(queue)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "support\r\nAction: Originate", "support\nx", "../../etc/passwd", "'; drop table callbacks; --",
            "with space", "nul\u0000", "-leading-dash", "ümlaut"})
    void queueNamesThatCouldInjectAHeaderOrAPathAreRefused(String queue) {
        assertThat(PbxValues.QUEUE.accepts(queue)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"custom/callback", "custom/callback-support", "", "en/thank-you.gsm"})
    void soundNamesAreAccepted(String sound) {
        assertThat(PbxValues.SOUND.accepts(sound)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a&b", "custom/callback,then", "x\r\ny", "/etc/passwd", "${EXTEN}"})
    void soundNamesThatChainOrEscapeAreRefused(String sound) {
        assertThat(PbxValues.SOUND.accepts(sound)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"José da Silva", "李小龙", "Ana 👩‍💻", "O'Brien"})
    void namesInAnyScriptAreAccepted(String name) {
        assertThat(PbxValues.NAME.accepts(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana\r\nAction: Logoff", "tab\there", "nul\u0000", "line\u2028separator", "lone\uD800surrogate"})
    void namesWithControlCharactersAreRefused(String name) {
        assertThat(PbxValues.NAME.accepts(name)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aNameIsCountedInCharactersNotUtf16Units() {
        assertThat(PbxValues.NAME.accepts("😀".repeat(250))).isTrue();
        assertThat(PbxValues.NAME.accepts("😀".repeat(251))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aValueLoggedAsTheReasonOfItsRejectionCannotBreakTheLogLine() {
        assertThat(PbxValues.forLog("support\r\nAction: Originate")).isEqualTo("support??Action: Originate");
        assertThat(PbxValues.forLog("x".repeat(100))).hasSize(81);
    }
}
