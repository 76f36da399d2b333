package io.ringback.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated PBX's {@code queue_log}: every row is kept in memory and handed to each sink (such as
 * {@link JdbcQueueLog}, the realtime table in PostgreSQL). Writing never blocks: sinks only enqueue.
 * Asterisk writes its queue_log whether or not anyone is connected to AMI, so rows are written also
 * while the manager interface is suspended.
 */
final class QueueLog {

    private static final Logger log = LoggerFactory.getLogger(QueueLog.class);

    private final List<QueueLogEntry> entries = new CopyOnWriteArrayList<>();
    private final List<Consumer<QueueLogEntry>> sinks = new CopyOnWriteArrayList<>();

    void write(QueueLogEntry entry) {
        entries.add(entry);
        for (Consumer<QueueLogEntry> sink : sinks) {
            try {
                sink.accept(entry);
            } catch (RuntimeException e) {
                log.warn("A queue_log sink failed: {}", e.toString());
            }
        }
    }

    void addSink(Consumer<QueueLogEntry> sink) {
        sinks.add(sink);
    }

    List<QueueLogEntry> entries() {
        return List.copyOf(entries);
    }
}
