package io.ringback.queuelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringback.simulator.JdbcQueueLog;
import io.ringback.simulator.QueueLogEntry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The realtime queue_log in the forms Asterisk writes it: its own schema (data1..data5, a timestamp),
 * the older single data column, the time as text in Asterisk's local zone, or a timestamp with zone.
 */
class QueueLogReaderTest {

    private static EmbeddedPostgres postgres;
    private static DataSource database;
    private static JdbcClient jdbc;

    private static final Instant JOINED = Instant.parse("2026-11-21T14:04:20.250Z");
    private static final Instant ABANDONED = Instant.parse("2026-11-21T14:05:00.500Z");

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        database = postgres.getPostgresDatabase();
        jdbc = JdbcClient.create(database);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    private static QueueLogProperties properties(String table, String zone) {
        return new QueueLogProperties("jdbc:unused", null, null, table, ZoneId.of(zone), Duration.ofSeconds(60),
                Duration.ofSeconds(5), Duration.ofHours(24), Duration.ofSeconds(30));
    }

    @Test
    void readsTheRowsTheSimulatedAsteriskWritesInAsterisksOwnSchema() throws Exception {
        JdbcQueueLog.createTable(database, "ql_asterisk");
        try (JdbcQueueLog writer = new JdbcQueueLog(database, "ql_asterisk")) {
            writer.accept(new QueueLogEntry(JOINED, "1795288839.2", "support", "NONE", "ENTERQUEUE",
                    List.of("", "+5511987654321", "1")));
            writer.accept(new QueueLogEntry(ABANDONED, "1795288839.2", "support", "NONE", "ABANDON",
                    List.of("1", "1", "40")));
            writer.accept(new QueueLogEntry(ABANDONED.plusSeconds(1), "1795288839.9", "support", "Agent One",
                    "CONNECT", List.of("3", "1795288839.10", "1")));
        }

        var abandons = new QueueLogReader(properties("ql_asterisk", "UTC"), database)
                .abandonsBetween(ABANDONED.minusSeconds(10), ABANDONED.plusSeconds(10));

        assertThat(abandons).containsExactly(new QueueLogAbandon(ABANDONED, "1795288839.2", "support", 40,
                "+5511987654321", null));
    }

    @Test
    void onlyTheRowsOfTheStretchAreRead() throws Exception {
        JdbcQueueLog.createTable(database, "ql_window");
        insert("ql_window", "2026-11-21 14:04:00", "a.1", "ENTERQUEUE", "", "5550001", "1");
        insert("ql_window", "2026-11-21 14:04:59.999", "a.1", "ABANDON", "1", "1", "59");
        insert("ql_window", "2026-11-21 14:05:00.5", "b.1", "ABANDON", "1", "1", "5");
        insert("ql_window", "2026-11-21 14:06:00", "c.1", "ABANDON", "1", "1", "5");

        var abandons = new QueueLogReader(properties("ql_window", "UTC"), database)
                .abandonsBetween(ABANDONED.minusMillis(200), ABANDONED.plusSeconds(30));

        assertThat(abandons).extracting(QueueLogAbandon::callId).containsExactly("b.1");
        assertThat(abandons.getFirst().callerNumber()).as("no ENTERQUEUE row: no number").isEmpty();
    }

    @Test
    void readsTheSingleDataColumnAndTheTimeAsTextInAsterisksLocalZone() throws Exception {
        jdbc.sql("""
                create table ql_legacy (id serial primary key, time varchar(26), callid varchar(80),
                  queuename varchar(256), agent varchar(80), event varchar(32), data varchar(400))""").update();
        // 14:05:00.5 UTC is 11:05:00.5 in Sao Paulo; Asterisk writes %F %T.%6q in its local zone
        jdbc.sql("insert into ql_legacy (time, callid, queuename, agent, event, data) values (?, ?, ?, ?, ?, ?)")
                .params("2026-11-21 11:04:20.250000", "p.7", "sales", "NONE", "ENTERQUEUE", "|5550007|2|Bruno").update();
        jdbc.sql("insert into ql_legacy (time, callid, queuename, agent, event, data) values (?, ?, ?, ?, ?, ?)")
                .params("2026-11-21 11:05:00.500000", "p.7", "sales", "NONE", "ABANDON", "2|2|40").update();

        var abandons = new QueueLogReader(properties("ql_legacy", "America/Sao_Paulo"), database)
                .abandonsBetween(ABANDONED.minusSeconds(1), ABANDONED.plusSeconds(1));

        assertThat(abandons).containsExactly(new QueueLogAbandon(ABANDONED, "p.7", "sales", 40, "5550007", "Bruno"));
    }

    @Test
    void readsATimestampWithTimeZone() throws Exception {
        jdbc.sql("""
                create table ql_zoned (id bigserial primary key, time timestamptz, callid varchar(80),
                  queuename varchar(256), agent varchar(80), event varchar(32), data1 varchar(100),
                  data2 varchar(100), data3 varchar(100), data4 varchar(100), data5 varchar(100))""").update();
        jdbc.sql("insert into ql_zoned (time, callid, queuename, agent, event, data1, data2, data3) values "
                + "('2026-11-21 14:05:00.5+00', 'z.1', 'support', 'NONE', 'ABANDON', '1', '1', '12')").update();

        var abandons = new QueueLogReader(properties("ql_zoned", "Asia/Tokyo"), database)
                .abandonsBetween(ABANDONED.minusSeconds(1), ABANDONED.plusSeconds(1));

        assertThat(abandons).extracting(QueueLogAbandon::at).containsExactly(ABANDONED);
    }

    @Test
    void aTableThatIsNotAQueueLogIsNamed() {
        jdbc.sql("create table not_a_queue_log (id int, name text)").update();

        assertThatThrownBy(() -> new QueueLogReader(properties("not_a_queue_log", "UTC"), database)
                .abandonsBetween(ABANDONED, ABANDONED)).isInstanceOf(SQLException.class)
                .hasMessageContaining("not_a_queue_log has no column time");
        assertThatThrownBy(() -> new QueueLogReader(properties("missing_table", "UTC"), database)
                .abandonsBetween(ABANDONED, ABANDONED)).isInstanceOf(SQLException.class)
                .hasMessageContaining("missing_table not found");
    }

    @Test
    void aTableNameThatIsNoPlainNameIsRefused() {
        assertThatThrownBy(() -> new QueueLogReader(properties("queue_log; drop table x", "UTC"), database))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ringback.queue-log.table");
    }

    private static void insert(String table, String time, String callId, String event, String d1, String d2, String d3) {
        jdbc.sql("insert into " + table + " (time, callid, queuename, agent, event, data1, data2, data3) "
                + "values (cast(? as timestamp), ?, 'support', 'NONE', ?, ?, ?, ?)")
                .params(time, callId, event, d1, d2, d3).update();
    }
}
