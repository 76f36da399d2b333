package io.ringback.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One row of Asterisk's {@code queue_log}, as {@code app_queue} writes it through {@code ast_queue_log}:
 * with a realtime {@code queue_log} that has the columns {@code data1} to {@code data5} (Asterisk's own
 * schema, {@code contrib/ast-db-manage/queue_log}), the {@code |}-separated data go one per column.
 *
 * <table>
 *   <caption>The events the simulator writes</caption>
 *   <tr><th>event</th><th>agent</th><th>data1</th><th>data2</th><th>data3</th><th>data4</th></tr>
 *   <tr><td>{@code ENTERQUEUE}</td><td>{@code NONE}</td><td>url (empty)</td><td>caller id number</td><td>position</td><td></td></tr>
 *   <tr><td>{@code CONNECT}</td><td>member name</td><td>hold time (s)</td><td>member channel's Uniqueid</td><td>ring time (s)</td><td></td></tr>
 *   <tr><td>{@code COMPLETECALLER}</td><td>member name</td><td>hold time (s)</td><td>talk time (s)</td><td>original position</td><td></td></tr>
 *   <tr><td>{@code ABANDON}</td><td>{@code NONE}</td><td>position</td><td>original position</td><td>wait time (s)</td><td></td></tr>
 * </table>
 *
 * @param time      when Asterisk wrote the row
 * @param callId    the Uniqueid of the channel in the queue (the same as the AMI events' {@code Uniqueid})
 * @param queueName the queue
 * @param agent     the member name, or {@code NONE}
 * @param event     {@code ENTERQUEUE}, {@code CONNECT}, {@code COMPLETECALLER}, {@code ABANDON}
 * @param data      {@code data1} to {@code data5}; missing trailing values are empty
 */
public record QueueLogEntry(Instant time, String callId, String queueName, String agent, String event, List<String> data) {

    public static final String ENTERQUEUE = "ENTERQUEUE";
    public static final String CONNECT = "CONNECT";
    public static final String COMPLETECALLER = "COMPLETECALLER";
    public static final String ABANDON = "ABANDON";
    /** The agent column of events no member is part of. */
    public static final String NO_AGENT = "NONE";

    public QueueLogEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        data = List.copyOf(data);
        if (data.size() > 5) {
            throw new IllegalArgumentException("queue_log has five data columns, not " + data.size());
        }
    }

    static QueueLogEntry of(Instant time, String callId, String queueName, String agent, String event, Object... data) {
        return new QueueLogEntry(time, callId, queueName, agent, event,
                java.util.Arrays.stream(data).map(String::valueOf).toList());
    }

    /** {@code data1} to {@code data5} by number (1-based); empty when not written. */
    public String data(int column) {
        if (column < 1 || column > 5) {
            throw new IllegalArgumentException("queue_log data columns are data1 to data5, not data" + column);
        }
        return column <= data.size() ? data.get(column - 1) : "";
    }

    /** The single {@code data} column of a queue_log without {@code data1..5}: the values joined by {@code |}. */
    public String joinedData() {
        return String.join("|", data);
    }
}
