package io.ringback.simulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads AMI requests from a byte stream: {@code Name: value} lines ended by CRLF (a bare LF is
 * accepted too), one empty line ending each message.
 *
 * <p>Lines without a colon are ignored, blank lines between messages are skipped, and a partial
 * message cut off by the end of the stream is discarded. Line length and header count are bounded
 * so that a misbehaving client cannot exhaust memory.
 */
final class AmiMessageReader {

    static final int MAX_LINE_BYTES = 8 * 1024;
    private static final int MAX_HEADERS = 256;

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);

    AmiMessageReader(InputStream in) {
        this.in = new BufferedInputStream(in);
    }

    /**
     * Blocks until the next complete message arrives.
     *
     * @return the message, or {@code null} when the stream has ended
     * @throws IOException when reading fails or the client exceeds the line or header limits
     */
    AmiMessage next() throws IOException {
        List<AmiMessage.Header> headers = new ArrayList<>();
        while (true) {
            String text = readLine();
            if (text == null) {
                return null;
            }
            if (text.isEmpty()) {
                if (!headers.isEmpty()) {
                    return AmiMessage.of(headers);
                }
                continue;
            }
            int colon = text.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            if (headers.size() == MAX_HEADERS) {
                throw new IOException("AMI message has more than " + MAX_HEADERS + " headers");
            }
            headers.add(new AmiMessage.Header(text.substring(0, colon).strip(), text.substring(colon + 1).strip()));
        }
    }

    private String readLine() throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return decodeLine();
            }
            if (line.size() == MAX_LINE_BYTES) {
                throw new IOException("AMI line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        return null;
    }

    private String decodeLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
