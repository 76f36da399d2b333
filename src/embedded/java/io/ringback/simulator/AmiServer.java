package io.ringback.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCP side of the simulator: accepts any number of AMI clients on the loopback interface, one
 * {@link ClientSession} each, and fans events out to the sessions that have logged in.
 */
final class AmiServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmiServer.class);

    private final int outboxCapacity;
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicLong sessionIds = new AtomicLong();
    private volatile ServerSocket serverSocket;

    /** @param outboxCapacity messages a client may fall behind before it is disconnected */
    AmiServer(int outboxCapacity) {
        this.outboxCapacity = outboxCapacity;
    }

    /** Binds {@code port} (0 picks a free one) on loopback and starts accepting clients. */
    void start(int port, ActionHandler handler) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        serverSocket = server;
        Thread.ofVirtual().name("ami-accept-" + server.getLocalPort()).start(() -> acceptLoop(server, handler));
        log.info("Simulated Asterisk AMI listening on {}", server.getLocalSocketAddress());
    }

    int port() {
        ServerSocket server = serverSocket;
        if (server == null) {
            throw new IllegalStateException("AMI server not started");
        }
        return server.getLocalPort();
    }

    /** Queues the event for every logged-in session; never blocks. */
    void broadcast(AmiMessage event) {
        byte[] frame = event.encode();
        for (ClientSession session : sessions) {
            if (session.isAuthenticated()) {
                session.send(frame);
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
    public void close() {
        ServerSocket server = serverSocket;
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                log.debug("Closing the AMI server socket failed: {}", e.toString());
            }
        }
        sessions.forEach(ClientSession::close);
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
