package io.ringback.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wire guard's reading of lines at their edges, straight over a socket: it reads the socket in blocks
 * and keeps a line's bytes itself, so a line split over reads, a character of several bytes cut by a
 * read, a line of exactly the longest length and one a byte longer, and a lone CR at that length must all
 * come out as a line read a byte at a time would.
 */
class AmiWireGuardTest {

    private static final String BANNER = "Asterisk Call Manager/9.0.0\r\n";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ServerSocket server;
    private Socket peer;
    private AmiWireGuard guard;

    @AfterEach
    void close() throws IOException {
        if (guard != null) {
            guard.close();
        }
        if (peer != null) {
            peer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The guard connected to a peer that has written {@code bytes}, {@code chunk} bytes per write and flush. */
    private void connect(byte[] bytes, int chunk) throws IOException {
        server = new ServerSocket(0);
        Thread.ofVirtual().start(() -> {
            try {
                peer = server.accept();
                OutputStream out = peer.getOutputStream();
                for (int i = 0; i < bytes.length; i += chunk) {
                    out.write(bytes, i, Math.min(chunk, bytes.length - i));
                    out.flush();
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        guard = new AmiWireGuard("127.0.0.1", server.getLocalPort(), 2_000, 5_000,
                new AmiRejections(meters, Clock.systemUTC()));
        assertThat(guard.readLine()).isEqualTo("Asterisk Call Manager/9.0.0");
    }

    /** The lines of the next {@code frames} messages the guard lets through, each ended by "". */
    private List<String> read(int frames) throws IOException {
        List<String> lines = new ArrayList<>();
        int ended = 0;
        while (ended < frames) {
            String line = guard.readLine();
            lines.add(line);
            if (line.isEmpty()) {
                ended++;
            }
        }
        return lines;
    }

    private double rejected(String field) {
        Counter counter = meters.find("ringback.ami.events.rejected").tag("field", field).counter();
        return counter == null ? 0 : counter.count();
    }

    private static byte[] bytes(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            out.writeBytes(part.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String event(String uniqueId, String name) {
        return "Event: QueueCallerAbandon\r\nQueue: support\r\nUniqueid: " + uniqueId + "\r\nCallerIDName: " + name
                + "\r\nHoldTime: 40\r\n\r\n";
    }

    @Test
    void linesSplitOverManyReadsAndCharactersOfSeveralBytesCutByAReadComeOutWhole() throws IOException {
        connect(bytes(BANNER, event("1.1", "João Ñandú 日本"), event("1.2", "Zoë")), 1);

        assertThat(read(2)).containsExactly("Event: QueueCallerAbandon", "Queue: support", "Uniqueid: 1.1",
                "CallerIDName: João Ñandú 日本", "HoldTime: 40", "",
                "Event: QueueCallerAbandon", "Queue: support", "Uniqueid: 1.2", "CallerIDName: Zoë", "HoldTime: 40", "");
    }

    @Test
    void aLineOfTheLongestLengthIsKeptAByteMoreIsRejectedAndTheNextFrameStillComes() throws IOException {
        String longest = "x".repeat(AmiWireGuard.MAX_LINE_BYTES - "CallerIDName: ".length());
        String tooLong = longest + "y";
        // a line at the limit, then a CR alone and more: one byte past the limit through the CR
        String crAtTheLimit = longest + "\rz";
        connect(bytes(BANNER, event("2.1", longest), event("2.2", tooLong), event("2.3", crAtTheLimit),
                event("2.4", "After")), 7_000);

        List<String> lines = read(2);

        assertThat(lines.get(3)).hasSize(AmiWireGuard.MAX_LINE_BYTES).isEqualTo("CallerIDName: " + longest);
        assertThat(lines.subList(6, 12)).containsExactly("Event: QueueCallerAbandon", "Queue: support",
                "Uniqueid: 2.4", "CallerIDName: After", "HoldTime: 40", "");
        assertThat(rejected("line-length")).as("2.2 and 2.3").isEqualTo(2);
    }

    @Test
    void bytesThatAreNotUtf8AreRejectedAndTheNextFrameStillComes() throws IOException {
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        bad.writeBytes(bytes(BANNER, "Event: QueueCallerAbandon\r\nQueue: support\r\nUniqueid: 3.1\r\nCallerIDName: Jos"));
        bad.write(0xC3);
        bad.write(0x28);
        bad.writeBytes(bytes("\r\nHoldTime: 40\r\n\r\n", event("3.2", "Next")));
        connect(bad.toByteArray(), 3);

        assertThat(read(1)).contains("Uniqueid: 3.2", "CallerIDName: Next");
        assertThat(rejected("encoding")).isEqualTo(1);
    }
}
