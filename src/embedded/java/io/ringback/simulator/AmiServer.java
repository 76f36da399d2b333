package io.ringback.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP side of the simulator: accepts any number of AMI clients on the loopback interface, one
 * {@link ClientSession} each, and fans events out to the sessions that have logged in.
 *
 * <p>It can be suspended, like a manager port that goes down: the listening socket and every session
 * are closed (a connect is refused) and events are dropped, until it listens on the same port again.
 */
final class AmiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiServer.class);
    private static final Duration ACCEPTOR_STOP_TIMEOUT = Duration.ofSeconds(2);

    private final int outboxCapacity;
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessionIds = new AtomicLong();
    private volatile ServerSocket serverSocket;
    private volatile boolean suspended;
    private ActionHandler handler;
    private int boundPort;
    private Thread acceptor;

    /** @param outboxCapacity messages a client may fall behind before it is disconnected */
    AmiServer(int outboxCapacity) {
        this.outboxCapacity = outboxCapacity;
    }

    /** Binds {@code port} (0 picks a free one) on loopback and starts accepting clients. */
    synchronized void start(int port, ActionHandler handler) throws IOException {
        this.handler = handler;
        listen(port);
    }

    /**
     * Closes the listening socket and every session; until {@link #resume()} connects are refused and
     * events go nowhere. Idempotent.
     */
    synchronized void suspend() {
        if (suspended) {
            return;
        }
        suspended = true;
        closeServerSocket();
        awaitAcceptorEnd();
        log.info("AMI suspended: port {} closed, dropping {} connection(s)", boundPort, sessions.size());
        sessions.forEach(ClientSession::close);
    }

    /**
     * Listens on the port of {@link #start} again. Idempotent.
     *
     * @throws IOException when the port cannot be bound again; the server stays suspended
     */
    synchronized void resume() throws IOException {
        if (!suspended) {
            return;
        }
        listen(boundPort);
        suspended = false;
    }

    boolean isSuspended() {
        return suspended;
    }

    int port() {
        if (serverSocket == null) {
            throw new IllegalStateException("AMI server not started");
        }
        return boundPort;
    }

    /** Queues the event for every logged-in session; never blocks. Dropped while suspended. */
    void broadcast(AmiMessage event) {
        if (suspended) {
            return;
        }
        byte[] frame = event.encode();
        for (ClientSession session : sessions) {
            if (session.isAuthenticated()) {
                session.send(frame);
            }
        }
    }

    /** Queues bytes exactly as given for every logged-in session (hostile input for tests); dropped while suspended. */
    void broadcastRaw(byte[] bytes) {
        if (suspended) {
            return;
        }
        for (ClientSession session : sessions) {
            if (session.isAuthenticated()) {
                session.send(bytes.clone());
            }
        }
    }

    int loggedInSessions() {
        return (int) sessions.stream().filter(s -> s.isAuthenticated() && s.isOpen()).count();
    }

    /** Abruptly closes every client socket; the server keeps accepting new connections. */
    void dropConnections() {
        log.info("Dropping {} AMI connection(s)", sessions.size());
        sessions.forEach(ClientSession::close);
    }

    /** Stops listening and closes every client. */
    @Override
    public synchronized void close() {
        closeServerSocket();
        sessions.forEach(ClientSession::close);
    }

    private void listen(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        serverSocket = server;
        boundPort = server.getLocalPort();
        ActionHandler actions = handler;
        acceptor = Thread.ofVirtual().name("ami-accept-" + boundPort).start(() -> acceptLoop(server, actions));
        log.info("Simulated Asterisk AMI listening on {}", server.getLocalSocketAddress());
    }

    private void closeServerSocket() {
        ServerSocket server = serverSocket;
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                log.debug("Closing the AMI server socket failed: {}", e.toString());
            }
        }
    }

    /** The port is only released once the thread blocked in {@code accept()} has let go of the socket. */
    private void awaitAcceptorEnd() {
        Thread thread = acceptor;
        if (thread == null) {
            return;
        }
        try {
            thread.join(ACCEPTOR_STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop(ServerSocket server, ActionHandler handler) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                ClientSession session = new ClientSession(
                        sessionIds.incrementAndGet(), socket, outboxCapacity, sessions::remove);
                sessions.add(session);
                session.start(handler);
                log.debug("AMI session {} opened from {}", session.id(), socket.getRemoteSocketAddress());
                if (server.isClosed()) {
                    session.close();
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("Accepting an AMI connection failed: {}", e.toString());
                }
            }
        }
    }
}
