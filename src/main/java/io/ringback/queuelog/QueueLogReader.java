package io.ringback.queuelog;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Reads Asterisk's realtime {@code queue_log} table (the schema of Asterisk's
 * {@code contrib/ast-db-manage/queue_log}: {@code time, callid, queuename, agent, event, data1..data5},
 * or the older single {@code data} column holding {@code a|b|c}). Which one it is, and whether
 * {@code time} is a timestamp, a timestamp with time zone or text, is read from the table's metadata.
 *
 * <p>{@code app_queue} writes {@code ENTERQUEUE} (data: url|caller id number|position[|caller id name])
 * when a caller joins and {@code ABANDON} (data: position|original position|wait time) when the caller
 * hangs up waiting; the ABANDON row does not carry the number, so it is taken from the ENTERQUEUE row
 * of the same call id and queue.
 */
class QueueLogReader {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    /** How Asterisk formats the time it stores: {@code %F %T.%6q}. */
    private static final DateTimeFormatter TEXT_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final int IN_BATCH = 500;

    private enum TimeColumn { TIMESTAMP, TIMESTAMP_WITH_ZONE, TEXT }

    private record Layout(boolean splitData, TimeColumn time) {}

    private final QueueLogProperties properties;
    private final DataSource dataSource;
    private final String table;
    private volatile Layout layout;

    QueueLogReader(QueueLogProperties properties) {
        this(properties, new DriverManagerDataSource(properties.url(), properties.username(), properties.password()));
    }

    QueueLogReader(QueueLogProperties properties, DataSource dataSource) {
        if (!TABLE.matcher(properties.table()).matches()) {
            throw new IllegalArgumentException("ringback.queue-log.table must be a plain table name, not '"
                    + properties.table() + "'");
        }
        this.properties = properties;
        this.dataSource = dataSource;
        this.table = properties.table();
    }

    /** Every ABANDON row from {@code from} to {@code to} (both included), oldest first, with its caller. */
    List<QueueLogAbandon> abandonsBetween(Instant from, Instant to) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Layout layout = layout(connection);
            List<Row> abandons = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement("select time, callid, queuename, "
                    + dataColumns(layout) + " from " + table + " where event = 'ABANDON' and time >= ? and time <= ?"
                    + " order by time")) {
                bindTime(statement, 1, from, layout);
                bindTime(statement, 2, to, layout);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        abandons.add(row(rows, layout));
                    }
                }
            }
            Map<String, Row> entered = enterQueueRows(connection, layout, abandons);
            List<QueueLogAbandon> result = new ArrayList<>(abandons.size());
            for (Row abandon : abandons) {
                if (abandon.callId() == null || abandon.callId().isBlank()) {
                    continue;
                }
                Row enter = entered.get(abandon.callId() + "\n" + abandon.queue());
                result.add(new QueueLogAbandon(abandon.time(), abandon.callId(), abandon.queue(),
                        number(abandon.data(3)),
                        enter == null ? "" : enter.data(2),
                        enter == null || enter.data(4).isBlank() ? null : enter.data(4)));
            }
            return result;
        }
    }

    private Map<String, Row> enterQueueRows(Connection connection, Layout layout, List<Row> abandons)
            throws SQLException {
        List<String> callIds = abandons.stream().map(Row::callId).filter(id -> id != null && !id.isBlank())
                .distinct().toList();
        Map<String, Row> byCallAndQueue = new HashMap<>();
        for (int start = 0; start < callIds.size(); start += IN_BATCH) {
            List<String> batch = callIds.subList(start, Math.min(callIds.size(), start + IN_BATCH));
            String placeholders = String.join(", ", java.util.Collections.nCopies(batch.size(), "?"));
            try (PreparedStatement statement = connection.prepareStatement("select time, callid, queuename, "
                    + dataColumns(layout) + " from " + table + " where event = 'ENTERQUEUE' and callid in ("
                    + placeholders + ") order by time")) {
                for (int i = 0; i < batch.size(); i++) {
                    statement.setString(i + 1, batch.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        Row row = row(rows, layout);
                        byCallAndQueue.put(row.callId() + "\n" + row.queue(), row); // the last join wins
                    }
                }
            }
        }
        return byCallAndQueue;
    }

    private record Row(Instant time, String callId, String queue, List<String> values) {
        String data(int column) {
            return column <= values.size() && values.get(column - 1) != null ? values.get(column - 1).strip() : "";
        }
    }

    private Row row(ResultSet rows, Layout layout) throws SQLException {
        Instant time = readTime(rows, layout);
        List<String> values = new ArrayList<>(5);
        if (layout.splitData()) {
            for (int column = 1; column <= 5; column++) {
                values.add(rows.getString("data" + column));
            }
        } else {
            String data = rows.getString("data");
            values.addAll(List.of((data == null ? "" : data).split("\\|", -1)));
        }
        return new Row(time, rows.getString("callid"), rows.getString("queuename"), values);
    }

    private static String dataColumns(Layout layout) {
        return layout.splitData() ? "data1, data2, data3, data4, data5" : "data";
    }

    private void bindTime(PreparedStatement statement, int index, Instant instant, Layout layout) throws SQLException {
        switch (layout.time()) {
            case TIMESTAMP -> statement.setObject(index, LocalDateTime.ofInstant(instant, properties.timeZone()));
            case TIMESTAMP_WITH_ZONE -> statement.setObject(index, instant.atOffset(java.time.ZoneOffset.UTC));
            case TEXT -> statement.setString(index, TEXT_TIME.format(LocalDateTime.ofInstant(instant,
                    properties.timeZone())));
        }
    }

    private Instant readTime(ResultSet rows, Layout layout) throws SQLException {
        return switch (layout.time()) {
            case TIMESTAMP -> {
                LocalDateTime time = rows.getObject("time", LocalDateTime.class);
                yield time == null ? Instant.EPOCH : time.atZone(properties.timeZone()).toInstant();
            }
            case TIMESTAMP_WITH_ZONE -> {
                OffsetDateTime time = rows.getObject("time", OffsetDateTime.class);
                yield time == null ? Instant.EPOCH : time.toInstant();
            }
            case TEXT -> {
                String time = rows.getString("time");
                yield time == null || time.isBlank() ? Instant.EPOCH
                        : LocalDateTime.parse(time.strip(), TEXT_TIME).atZone(properties.timeZone()).toInstant();
            }
        };
    }

    private Layout layout(Connection connection) throws SQLException {
        Layout known = layout;
        if (known != null) {
            return known;
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        Map<String, String> typeNames = new HashMap<>();
        DatabaseMetaData metadata = connection.getMetaData();
        for (String name : List.of(table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rows = metadata.getColumns(null, null, name, null)) {
                while (rows.next()) {
                    String column = rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                    columns.putIfAbsent(column, rows.getInt("DATA_TYPE"));
                    typeNames.putIfAbsent(column, String.valueOf(rows.getString("TYPE_NAME")).toLowerCase(Locale.ROOT));
                }
            }
            if (!columns.isEmpty()) {
                break;
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("table " + table + " not found at " + properties.url());
        }
        for (String required : List.of("time", "callid", "queuename", "event")) {
            if (!columns.containsKey(required)) {
                throw new SQLException("table " + table + " has no column " + required + " (not a queue_log table?)");
            }
        }
        boolean split = columns.containsKey("data1");
        if (!split && !columns.containsKey("data")) {
            throw new SQLException("table " + table + " has neither data1..data5 nor data");
        }
        int type = columns.get("time");
        String typeName = typeNames.get("time");
        TimeColumn time;
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || typeName.contains("timestamptz") || typeName.contains("with time zone")) {
            time = TimeColumn.TIMESTAMP_WITH_ZONE;
        } else if (type == Types.TIMESTAMP || typeName.startsWith("timestamp") || typeName.equals("datetime")) {
            time = TimeColumn.TIMESTAMP;
        } else {
            time = TimeColumn.TEXT;
        }
        layout = new Layout(split, time);
        return layout;
    }

    private static int number(String value) {
        try {
            return Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
