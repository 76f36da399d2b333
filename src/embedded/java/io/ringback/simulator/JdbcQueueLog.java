package io.ringback.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The realtime {@code queue_log} table, as Asterisk's {@code res_config_pgsql} fills it with
 * {@code queue_log => pgsql,<database>,queue_log} in extconfig.conf: one row per
 * {@link QueueLogEntry}, the data in {@code data1} to {@code data5}, the time as a {@code timestamp}
 * in UTC ({@code queue_log_realtime_use_gmt = yes} in logger.conf).
 *
 * <p>Rows are written in order by a thread of their own, so the simulated PBX never waits for the
 * database; a row that cannot be written is retried until {@link #close()}. Use it as a sink:
 * {@code asterisk.addQueueLogSink(new JdbcQueueLog(dataSource, "queue_log"))}.
 */
public final class JdbcQueueLog implements Consumer<QueueLogEntry>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JdbcQueueLog.class);
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final int BATCH = 200;

    private final DataSource dataSource;
    private final String insert;
    private final LinkedBlockingQueue<QueueLogEntry> pending = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    public JdbcQueueLog(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.insert = "insert into " + checked(table)
                + " (time, callid, queuename, agent, event, data1, data2, data3, data4, data5)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.writer = Thread.ofPlatform().name("queue-log-writer").daemon().start(this::writeLoop);
    }

    /**
     * Creates the table if it does not exist, with the columns of Asterisk's own schema
     * ({@code contrib/ast-db-manage/queue_log/versions/4105ee839f58_create_queue_log_table.py}) and the
     * indexes a reader of recent rows needs.
     */
    public static void createTable(DataSource dataSource, String table) throws SQLException {
        String name = checked(table);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    create table if not exists %1$s (
                        id        bigserial primary key,
                        time      timestamp,
                        callid    varchar(80),
                        queuename varchar(256),
                        agent     varchar(80),
                        event     varchar(32),
                        data1     varchar(100),
                        data2     varchar(100),
                        data3     varchar(100),
                        data4     varchar(100),
                        data5     varchar(100))""".formatted(name));
            statement.execute("create index if not exists %1$s_by_time on %1$s (time)".formatted(name));
            statement.execute("create index if not exists %1$s_by_callid on %1$s (callid)".formatted(name));
        }
    }

    @Override
    public void accept(QueueLogEntry entry) {
        if (!closed) {
            pending.add(entry);
        }
    }

    /** Rows accepted and not written yet. */
    public int backlog() {
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
        List<QueueLogEntry> batch = new ArrayList<>();
        while (!(closed && pending.isEmpty() && batch.isEmpty())) {
            try {
                if (batch.isEmpty()) {
                    QueueLogEntry first = pending.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    pending.drainTo(batch, BATCH - 1);
                }
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (SQLException e) {
                log.warn("Writing {} queue_log row(s) failed ({}); retrying", batch.size(), e.getMessage());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException stop) {
                    return;
                }
                if (closed) {
                    return;
                }
            }
        }
    }

    private void write(List<QueueLogEntry> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(insert)) {
            for (QueueLogEntry entry : batch) {
                statement.setObject(1, LocalDateTime.ofInstant(entry.time(), ZoneOffset.UTC));
                statement.setString(2, entry.callId());
                statement.setString(3, entry.queueName());
                statement.setString(4, entry.agent());
                statement.setString(5, entry.event());
                for (int column = 1; column <= 5; column++) {
                    statement.setString(5 + column, entry.data(column));
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static String checked(String table) {
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
        return table;
    }
}
