package io.ringback.simulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected AMI client.
 *
 * <p>A reader thread parses requests and hands them to the {@link ActionHandler}; a writer thread
 * drains a bounded outbox. Every message is enqueued as one encoded frame and written by that single
 * thread, so messages never interleave, and callers (the scenario API, other sessions) never block
 * on a slow client: when the outbox overflows the client is considered dead and disconnected, much
 * as Asterisk drops a session whose writes time out.
 */
final class ClientSession {

    private static final String BANNER = "Asterisk Call Manager/11.0.0" + AmiMessage.CRLF;

    private static final Logger log = LoggerFactory.getLogger(ClientSession.class);
    private static final byte[] END_OF_STREAM = new byte[0];

    private final long id;
    private final Socket socket;
    private final BlockingQueue<byte[]> outbox;
    private final Consumer<ClientSession> onClosed;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean closing;
    private volatile boolean authenticated;
    private volatile String challenge;
    private volatile Thread writer;

    ClientSession(long id, Socket socket, int outboxCapacity, Consumer<ClientSession> onClosed) {
        this.id = id;
        this.socket = socket;
        this.outbox = new ArrayBlockingQueue<>(outboxCapacity);
        this.onClosed = onClosed;
    }

    /** Sends the banner and starts the reader and writer threads. */
    void start(ActionHandler handler) {
        enqueue(BANNER.getBytes(StandardCharsets.US_ASCII));
        writer = Thread.ofVirtual().name("ami-session-" + id + "-writer").start(this::writeLoop);
        Thread.ofVirtual().name("ami-session-" + id + "-reader").start(() -> readLoop(handler));
    }

    long id() {
        return id;
    }

    boolean isOpen() {
        return !closing;
    }

    boolean isAuthenticated() {
        return authenticated;
    }

    void markAuthenticated() {
        authenticated = true;
    }

    String challenge() {
        return challenge;
    }

    void challenge(String challenge) {
        this.challenge = challenge;
    }

    /** Queues a message for this client without blocking. */
    void send(AmiMessage message) {
        send(message.encode());
    }

    /** Queues an already encoded message (a broadcast event is encoded once for all sessions). */
    void send(byte[] frame) {
        enqueue(frame);
    }

    /** Stops accepting messages, writes what is queued, then closes the socket (Logoff, failed Login). */
    void closeAfterFlush() {
        if (closing) {
            return;
        }
        closing = true;
        if (!outbox.offer(END_OF_STREAM)) {
            close();
        }
    }

    /** Closes the socket at once, dropping anything not yet written. Idempotent. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing = true;
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("AMI session {}: closing the socket failed: {}", id, e.toString());
        }
        outbox.clear();
        outbox.offer(END_OF_STREAM);
        Thread writerThread = writer;
        if (writerThread != null) {
            writerThread.interrupt();
        }
        onClosed.accept(this);
    }

    private void enqueue(byte[] frame) {
        if (closing) {
            return;
        }
        if (!outbox.offer(frame)) {
            log.warn("AMI session {} does not read its messages ({} queued); disconnecting it", id, outbox.size());
            close();
        }
    }

    private void readLoop(ActionHandler handler) {
        try {
            AmiMessageReader reader = new AmiMessageReader(socket.getInputStream());
            AmiMessage request;
            while (!closing && (request = reader.next()) != null) {
                handler.handle(this, request);
            }
        } catch (IOException e) {
            if (!closing) {
                log.debug("AMI session {}: read failed: {}", id, e.toString());
            }
        } catch (RuntimeException e) {
            log.error("AMI session {}: handling a request failed; disconnecting", id, e);
        } finally {
            if (!closing) {
                close();
            }
        }
    }

    private void writeLoop() {
        try {
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            while (true) {
                byte[] frame = outbox.take();
                if (frame == END_OF_STREAM) {
                    out.flush();
                    break;
                }
                out.write(frame);
                if (outbox.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            if (!closed.get()) {
                log.debug("AMI session {}: write failed: {}", id, e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }
}
