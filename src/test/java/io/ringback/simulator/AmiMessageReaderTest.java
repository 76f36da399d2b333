package io.ringback.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AmiMessageReaderTest {

    @Test
    void readsHeadersInOrderWithCaseInsensitiveLookup() throws IOException {
        AmiMessage message = reader("action: Originate\r\nactionid: 1_3#cb-1\r\nVariable: A=1\r\nvariable: B=2\r\n\r\n").next();

        assertThat(message.get("Action")).isEqualTo("Originate");
        assertThat(message.get("ActionID")).isEqualTo("1_3#cb-1");
        assertThat(message.getAll("Variable")).containsExactly("A=1", "B=2");
        assertThat(message.headers()).extracting(AmiMessage.Header::name)
                .containsExactly("action", "actionid", "Variable", "variable");
    }

    @Test
    void readsConsecutiveMessagesAndSkipsBlankLinesBetweenThem() throws IOException {
        AmiMessageReader reader = reader("Action: Ping\r\n\r\n\r\n\r\nAction: Logoff\n\n");

        assertThat(reader.next().get("Action")).isEqualTo("Ping");
        assertThat(reader.next().get("Action")).isEqualTo("Logoff");
        assertThat(reader.next()).isNull();
    }

    @Test
    void keepsColonsInValuesAndIgnoresLinesWithoutAColon() throws IOException {
        AmiMessage message = reader("Action: Originate\r\ngarbage\r\nCallerID: \"A:B\" <1>\r\n\r\n").next();

        assertThat(message.get("CallerID")).isEqualTo("\"A:B\" <1>");
        assertThat(message.headers()).hasSize(2);
    }

    @Test
    void messageCutOffByTheEndOfTheStreamIsDiscarded() throws IOException {
        assertThat(reader("Action: Ping\r\nActionID: 1\r\n").next()).isNull();
    }

    @Test
    void overlongLineIsRefused() {
        String line = "Data: " + "x".repeat(AmiMessageReader.MAX_LINE_BYTES) + "\r\n\r\n";

        assertThatThrownBy(() -> reader(line).next()).isInstanceOf(IOException.class);
    }

    @Test
    void writtenMessageEndsWithAnEmptyLine() {
        AmiMessage message = AmiMessage.response("Success", "p-1").add("Ping", "Pong").build();

        assertThat(message.toWire()).isEqualTo("Response: Success\r\nActionID: p-1\r\nPing: Pong\r\n\r\n");
    }

    private static AmiMessageReader reader(String wire) {
        return new AmiMessageReader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
    }
}
