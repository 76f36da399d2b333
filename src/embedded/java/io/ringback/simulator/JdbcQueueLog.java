package io.ringback.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

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

    private final DataSource dataSource;
    private final String insert;
    private final OrderedJdbcWriter<QueueLogEntry> writer;

    public JdbcQueueLog(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.insert = "insert into " + OrderedJdbcWriter.checkedTable(table)
                + " (time, callid, queuename, agent, event, data1, data2, data3, data4, data5)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.writer = new OrderedJdbcWriter<>("queue-log-writer", "queue_log", this::write);
    }

    /**
     * Creates the table if it does not exist, with the columns of Asterisk's own schema
     * ({@code contrib/ast-db-manage/queue_log/versions/4105ee839f58_create_queue_log_table.py}) and the
     * indexes a reader of recent rows needs.
     */
    public static void createTable(DataSource dataSource, String table) throws SQLException {
        String name = OrderedJdbcWriter.checkedTable(table);
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
        writer.add(entry);
    }

    /** Rows accepted and not written yet. */
    public int backlog() {
        return writer.backlog();
    }

    /** Writes what is pending (waiting up to 5 s), then stops. */
    @Override
    public void close() {
        writer.close();
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
}
