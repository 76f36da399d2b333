package io.ringback.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A bare TCP client for checking the simulator's bytes on the wire, without asterisk-java in between. */
final class RawAmiClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawAmiClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Reads one CRLF-terminated line, including the CRLF. */
    String readLine() throws IOException {
        return readUntil("\r\n");
    }

    /** Reads one message including its closing empty line, exactly as sent. */
    String readMessage() throws IOException {
        return readUntil("\r\n\r\n");
    }

    /** Skips messages until one starts with {@code firstLine}. */
    String readMessageStartingWith(String firstLine) throws IOException {
        while (true) {
            String message = readMessage();
            if (message.startsWith(firstLine + "\r\n")) {
                return message;
            }
        }
    }

    /** Sends the header lines followed by the empty line that ends a message. */
    void send(String... headerLines) throws IOException {
        out.write((String.join("\r\n", headerLines) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Consumes the banner, then logs in with Challenge and the MD5 key, and consumes the reply and FullyBooted. */
    void logIn(String username, String secret) throws IOException {
        readLine();
        send("Action: Challenge", "AuthType: MD5", "ActionID: ch-1");
        String challenge = readMessage().lines().filter(l -> l.startsWith("Challenge: ")).findFirst()
                .orElseThrow().substring("Challenge: ".length());
        send("Action: Login", "Username: " + username, "AuthType: MD5", "Key: " + md5Hex(challenge + secret),
                "ActionID: login-1");
        readMessage();
        readMessage();
    }

    /** -1 once the server has closed the connection. */
    int read() throws IOException {
        return in.read();
    }

    static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String readUntil(String terminator) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] end = terminator.getBytes(StandardCharsets.US_ASCII);
        while (!endsWith(bytes.toByteArray(), end)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + bytes.toString(StandardCharsets.UTF_8));
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean endsWith(byte[] bytes, byte[] suffix) {
        if (bytes.length < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (bytes[bytes.length - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }
}
