package io.ringback.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The last check before asterisk-java writes an Originate: every header and channel variable is one line of text. */
class OriginateHeadersTest {

    private static OriginateRequest request(String channel, Map<String, String> variables) {
        return new OriginateRequest("rb-1-1", channel, "callback", "s", 1, Duration.ofSeconds(30), "Callback <100>", variables);
    }

    @Test
    void anOriginateOfPlainValuesIsSent() {
        assertThat(AmiConnection.unsafeHeader(request("Local/9555@outbound", Map.of("CB_QUEUE", "support", "CB_MESSAGE", ""))))
                .isEmpty();
    }

    @Test
    void aLineBreakInAChannelVariableIsRefusedBeforeItCanStartAnAction() {
        assertThat(AmiConnection.unsafeHeader(request("Local/9555@outbound",
                Map.of("CB_QUEUE", "support\r\nAction: Originate")))).hasValueSatisfying(why -> assertThat(why)
                .startsWith("Variable CB_QUEUE value holds a control character or a line break").doesNotContain("\r", "\n"));
        assertThat(AmiConnection.unsafeHeader(request("Local/9555@outbound\u0000", Map.of()))).hasValueSatisfying(why ->
                assertThat(why).startsWith("Channel holds"));
    }
}
