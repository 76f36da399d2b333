package io.ringback.telephony;

import io.ringback.support.InputRule;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.asteriskjava.manager.AsteriskMapping;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.UserEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * Reads the AMI socket for asterisk-java and hands it only whole, well-formed messages. asterisk-java
 * trusts the wire: a frame without its blank line merges with the next one (both lost), a header given
 * twice becomes a list that its reader cannot cast (a duplicated ActionID in a response kills the reader
 * thread and with it the session), bytes that are not UTF-8 become U+FFFD, a NUL passes into values, one
 * endless line is buffered whole. Here each message is checked before asterisk-java sees it; a malformed
 * one is rejected loudly ({@link AmiRejections}) and skipped, and the session and every message around it
 * go on:
 *
 * <ul>
 *   <li>{@code frame-end}: the next message began before this one ended (no blank line);
 *   <li>{@code encoding}: bytes that are not UTF-8; {@code nul}: a NUL byte; {@code line-break}: a CR or
 *       LF inside a line; {@code line-length}: a line of more than {@value #MAX_LINE_BYTES} bytes (read and
 *       dropped, never held); {@code headers}: more than {@value #MAX_HEADERS} headers;
 *   <li>{@code not-a-header}: a line that is not {@code Name: value}; {@code duplicate-header}: a header
 *       given twice (but channel variables, {@code Variable} and {@code Output}, which Asterisk repeats);
 *   <li>{@code type}: neither {@code Event} nor {@code Response}; {@code event}: an event type asterisk-java
 *       has no class for (a flood of them costs a counter each, and one log line).
 * </ul>
 */
final class AmiWireGuard implements SocketConnectionFacade {

    static final int MAX_LINE_BYTES = 64 * 1024;
    static final int MAX_HEADERS = 512;

    /** Headers Asterisk legitimately repeats in one message. */
    private static final Pattern REPEATABLE = Pattern.compile("(?i)(.*chanvariable(\\(.*\\))?|variable|output)");

    private static final Set<String> KNOWN_EVENTS = knownEvents();

    private final Socket socket;
    private final InputStream in;
    /** What was read from the socket and not taken yet: read in blocks, taken a byte at a time without a lock. */
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    /** The line being read (at most {@value #MAX_LINE_BYTES} bytes of it are kept). */
    private byte[] line = new byte[256];
    private final BufferedWriter writer;
    private final AmiRejections rejections;
    private final ArrayDeque<String> ready = new ArrayDeque<>();
    private boolean bannerSeen;

    /** One message being read: its lines, and the first thing wrong with it. */
    private static final class Frame {
        final List<String> lines = new ArrayList<>();
        final Set<String> names = new HashSet<>();
        String kind; // "event" or "response"
        String type;
        String problemField;
        String problem;

        void damage(String field, String what) {
            if (problemField == null) {
                problemField = field;
                problem = what;
            }
        }

        String header(String name) {
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    AmiWireGuard(String host, int port, int connectTimeoutMillis, int readTimeoutMillis, AmiRejections rejections)
            throws IOException {
        this.socket = new Socket();
        socket.setSoTimeout(readTimeoutMillis);
        socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
        this.in = socket.getInputStream();
        this.writer = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
        this.rejections = rejections;
    }

    @Override
    public String readLine() throws IOException {
        while (ready.isEmpty()) {
            readMessage();
        }
        return ready.poll();
    }

    /** Reads lines up to the blank line that ends a message; queues the message, or rejects it. */
    private void readMessage() throws IOException {
        Frame frame = new Frame();
        while (true) {
            Line line = readRawLine();
            if (!bannerSeen) {
                bannerSeen = true;
                if (line.text.startsWith("Asterisk Call Manager/") || line.text.contains("Call Manager")) {
                    ready.add(line.text); // the protocol banner: a line of its own
                    return;
                }
            }
            if (line.text.isEmpty() && line.problemField == null) {
                if (frame.lines.isEmpty()) {
                    continue; // a stray blank line between messages
                }
                finish(frame);
                return;
            }
            int colon = line.text.indexOf(':');
            String name = colon > 0 ? line.text.substring(0, colon).trim().toLowerCase(Locale.ROOT) : null;
            // a message begins at Event, or at Response outside an event (OriginateResponse has a Response header)
            boolean starts = "event".equals(name) || ("response".equals(name) && !"event".equals(frame.kind));
            if (starts && frame.kind != null) {
                // the next message began: the one before ended without its blank line
                frame.damage("frame-end", "the message ended without its blank line (the next one began inside it)");
                reject(frame);
                frame = new Frame();
            }
            if (line.problemField != null) {
                frame.damage(line.problemField, line.problem);
            }
            if (name == null || name.isEmpty()) {
                frame.damage("not-a-header", "a line that is not 'Name: value': '" + InputRule.forLog(line.text) + "'");
            } else {
                if (starts) {
                    frame.kind = name;
                    frame.type = line.text.substring(colon + 1).trim();
                }
                if (!frame.names.add(name) && !REPEATABLE.matcher(name).matches()) {
                    frame.damage("duplicate-header", "the header " + InputRule.forLog(name) + " is given twice");
                }
            }
            if (frame.lines.size() >= MAX_HEADERS) {
                frame.damage("headers", "more than " + MAX_HEADERS + " headers");
            } else {
                frame.lines.add(line.text);
            }
        }
    }

    private void finish(Frame frame) {
        if (frame.kind == null) {
            frame.damage("type", "a message with neither Event nor Response");
        } else if (frame.kind.equals("event") && frame.problemField == null && !known(frame)) {
            frame.damage("event", "an event type asterisk-java does not know");
        }
        if (frame.problemField != null) {
            reject(frame);
            return;
        }
        ready.addAll(frame.lines);
        ready.add("");
    }

    private static boolean known(Frame frame) {
        String type = frame.type == null ? "" : frame.type.toLowerCase(Locale.ROOT);
        return type.equals("userevent") || KNOWN_EVENTS.contains(type);
    }

    private void reject(Frame frame) {
        String event;
        if (frame.kind == null) {
            event = "frame";
        } else if (frame.kind.equals("response")) {
            event = "Response";
        } else {
            String type = frame.type == null ? "" : frame.type;
            boolean knownType = KNOWN_EVENTS.contains(type.toLowerCase(Locale.ROOT)) && InputRule.isText(type)
                    && type.matches("[A-Za-z0-9]{1,60}");
            event = knownType ? type : "unknown";
        }
        StringBuilder context = new StringBuilder();
        context.append(frame.kind == null ? "message" : frame.kind).append(' ').append(InputRule.forLog(frame.type));
        for (String id : List.of("ActionID", "Uniqueid", "Queue")) {
            String value = frame.header(id);
            if (value != null) {
                context.append(", ").append(id).append(' ').append(InputRule.forLog(value));
            }
        }
        context.append(", ").append(frame.lines.size()).append(" header(s)");
        rejections.reject(event, frame.problemField, context.toString(), frame.problem);
    }

    /** One line as read, decoded, and what is wrong with it. */
    private record Line(String text, String problemField, String problem) {}

    private int read() throws IOException {
        while (position == limit) {
            int n = in.read(buffer);
            if (n < 0) {
                return -1;
            }
            position = 0;
            limit = n;
        }
        return buffer[position++] & 0xff;
    }

    private Line readRawLine() throws IOException {
        int length = 0;
        boolean ascii = true;
        boolean tooLong = false;
        boolean cr = false;
        boolean breakInside = false;
        boolean nul = false;
        while (true) {
            int b = read();
            if (b < 0) {
                throw new IOException("end of the AMI stream");
            }
            if (cr) {
                if (b == '\n') {
                    break;
                }
                breakInside = true; // a CR alone
                if (!tooLong) {
                    length = append(length, '\r');
                }
                cr = false;
            }
            if (b == '\r') {
                cr = true;
                continue;
            }
            if (b == '\n') {
                breakInside = true; // an LF alone
            }
            if (b == 0) {
                nul = true;
            }
            if (length >= MAX_LINE_BYTES) {
                tooLong = true;
            }
            if (!tooLong) {
                ascii &= b < 0x80;
                length = append(length, b);
            }
        }
        String text;
        String field = null;
        String problem = null;
        if (ascii) {
            text = new String(line, 0, length, StandardCharsets.US_ASCII);
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, length)).toString();
            } catch (CharacterCodingException e) {
                text = new String(line, 0, length, StandardCharsets.UTF_8);
                field = "encoding";
                problem = "bytes that are not UTF-8";
            }
        }
        if (tooLong) {
            field = "line-length";
            problem = "a line of more than " + MAX_LINE_BYTES + " bytes";
        } else if (nul) {
            field = "nul";
            problem = "a NUL byte";
        } else if (breakInside) {
            field = "line-break";
            problem = "a CR or LF inside a line";
        }
        if (line.length > 4 * 1024) {
            line = new byte[256]; // a long line's buffer is not kept
        }
        return new Line(text, field, problem);
    }

    /** Puts {@code b} at {@code length} of the line, growing it as needed; the new length. */
    private int append(int length, int b) {
        if (length == line.length) {
            line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE_BYTES + 1, line.length * 2)); // + a CR alone at the limit
        }
        line[length] = (byte) b;
        return length + 1;
    }

    @Override
    public void write(String s) throws IOException {
        writer.write(s);
    }

    @Override
    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getRemotePort() {
        return socket.getPort();
    }

    /** The event types asterisk-java builds, named as its event builder names them. */
    private static Set<String> knownEvents() {
        Set<String> names = new HashSet<>();
        for (Class<? extends ManagerEvent> type : new org.reflections.Reflections("org.asteriskjava.manager.event")
                .getSubTypesOf(ManagerEvent.class)) {
            if (Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            AsteriskMapping mapping = type.getAnnotation(AsteriskMapping.class);
            String name = mapping != null ? mapping.value() : type.getSimpleName().replaceFirst("Event$", "");
            name = name.toLowerCase(Locale.ROOT);
            if (UserEvent.class.isAssignableFrom(type) && !name.startsWith("userevent")) {
                name = "userevent" + name;
            }
            names.add(name);
        }
        return Set.copyOf(names);
    }

    /** asterisk-java's connection, reading through the guard. */
    static final class GuardedConnection extends ManagerConnectionImpl {

        private final String host;
        private final int port;
        private final AmiRejections rejections;

        GuardedConnection(String host, int port, String username, String secret, AmiRejections rejections) {
            this.host = host;
            this.port = port;
            this.rejections = rejections;
            setHostname(host);
            setPort(port);
            setUsername(username);
            setPassword(secret);
        }

        @Override
        protected SocketConnectionFacade createSocket() throws IOException {
            return new AmiWireGuard(host, port, 0, 0, rejections);
        }
    }
}
