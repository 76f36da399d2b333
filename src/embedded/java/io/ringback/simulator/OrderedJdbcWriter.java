package io.ringback.simulator;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the simulated PBX writes to a database ({@link JdbcQueueLog}, {@link JdbcCallJournal}): items are
 * taken without waiting and written in order, in batches, by a thread of its own, so the simulator never
 * waits for the database; a batch that cannot be written is retried every 500 ms until {@link #close()}.
 *
 * @param <T> what one write is
 */
final class OrderedJdbcWriter<T> implements AutoCloseable {

    /** Writes one batch, in order; an exception leaves the whole batch to be written again. */
    interface BatchWrite<T> {
        void write(List<T> batch) throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(OrderedJdbcWriter.class);
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final int BATCH = 200;

    private final String what;
    private final BatchWrite<T> write;
    private final LinkedBlockingQueue<T> pending = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    /**
     * @param what the rows, for the log ({@code queue_log}, {@code call journal})
     */
    OrderedJdbcWriter(String threadName, String what, BatchWrite<T> write) {
        this.what = what;
        this.write = write;
        this.writer = Thread.ofPlatform().name(threadName).daemon().start(this::writeLoop);
    }

    /** A plain table name (it is put into SQL): letters, digits and {@code _}. */
    static String checkedTable(String table) {
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
        return table;
    }

    /** Taken for writing, unless closed. */
    void add(T item) {
        if (!closed) {
            pending.add(item);
        }
    }

    /** Items taken and not written yet. */
    int backlog() {
        return pending.size();
    }

    /** Writes what is pending (waiting up to 5 s), then stops. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.interrupt();
    }

    private void writeLoop() {
        List<T> batch = new ArrayList<>();
        while (!(closed && pending.isEmpty() && batch.isEmpty())) {
            try {
                if (batch.isEmpty()) {
                    T first = pending.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    pending.drainTo(batch, BATCH - 1);
                }
                write.write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                log.warn("Writing {} {} row(s) failed ({}); retrying", batch.size(), what, e.getMessage());
                if (closed) {
                    return;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }
}
