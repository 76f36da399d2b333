package io.ringback.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * A {@link CallJournal} in PostgreSQL, where a checker in another process reads it: one row per
 * Originate received (time, ActionID as sent, ChannelId, the callback and attempt of its
 * {@code CB_CALLBACK_ID} and {@code CB_ATTEMPT} variables, the dialed number), and when its call ended.
 * Written in order by a thread of its own; the simulator never waits for the database.
 *
 * <pre>
 * select callback_id, attempt, count(*) from sim_originate group by 1, 2 having count(*) > 1  -- dialed twice
 * </pre>
 */
public final class JdbcCallJournal implements CallJournal, AutoCloseable {

    private sealed interface Write permits Originated, Ended {}

    private record Originated(OriginateRecord originate) implements Write {}

    private record Ended(String channelId, Instant at, String how) implements Write {}

    private final DataSource dataSource;
    private final String table;
    private final OrderedJdbcWriter<Write> writer;

    public JdbcCallJournal(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = OrderedJdbcWriter.checkedTable(table);
        this.writer = new OrderedJdbcWriter<>("call-journal-writer", "call journal", this::write);
    }

    public static void createTable(DataSource dataSource, String table) throws SQLException {
        String name = OrderedJdbcWriter.checkedTable(table);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    create table if not exists %1$s (
                        id          bigserial   primary key,
                        received_at timestamptz not null,
                        action_id   text,
                        channel_id  text,
                        callback_id text,
                        attempt     integer,
                        number      text        not null,
                        ended_at    timestamptz,
                        ended_how   text)""".formatted(name));
            statement.execute("create index if not exists %1$s_by_channel on %1$s (channel_id)".formatted(name));
            statement.execute("create index if not exists %1$s_by_callback on %1$s (callback_id)".formatted(name));
        }
    }

    @Override
    public void originated(OriginateRecord originate) {
        writer.add(new Originated(originate));
    }

    @Override
    public void ended(String channelId, Instant at, String how) {
        writer.add(new Ended(channelId, at, how));
    }

    /** Writes not done yet. */
    public int backlog() {
        return writer.backlog();
    }

    /** Writes what is pending (waiting up to 5 s), then stops. */
    @Override
    public void close() {
        writer.close();
    }

    /** In order, in one transaction: an end is written after the Originate it ends. */
    private void write(List<Write> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into " + table
                    + " (received_at, action_id, channel_id, callback_id, attempt, number) values (?, ?, ?, ?, ?, ?)");
                 PreparedStatement end = connection.prepareStatement("update " + table
                         + " set ended_at = ?, ended_how = ? where channel_id = ? and ended_at is null")) {
                for (Write write : batch) {
                    switch (write) {
                        case Originated(OriginateRecord o) -> {
                            insert.setObject(1, o.receivedAt().atOffset(ZoneOffset.UTC));
                            insert.setString(2, o.actionId());
                            insert.setString(3, o.channelId());
                            insert.setString(4, o.variables().get("CB_CALLBACK_ID"));
                            insert.setObject(5, attempt(o.variables().get("CB_ATTEMPT")));
                            insert.setString(6, o.dialedNumber());
                            insert.executeUpdate();
                        }
                        case Ended(String channelId, Instant at, String how) -> {
                            end.setObject(1, at.atOffset(ZoneOffset.UTC));
                            end.setString(2, how);
                            end.setString(3, channelId);
                            end.executeUpdate();
                        }
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static Integer attempt(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
