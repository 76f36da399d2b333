package io.ringback.queuelog;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Asterisk writes its realtime {@code queue_log} (res_config_pgsql, docs/asterisk.md), read after
 * every AMI (re)connect to recover the abandons missed while the link was down. Off unless {@code url}
 * is set.
 *
 * @param url JDBC URL of the database Asterisk's {@code queue_log} table is in, e.g.
 *     {@code jdbc:postgresql://db:5432/asterisk}; empty switches the reconciliation off
 * @param username database user (read access to the table is enough)
 * @param password its password
 * @param table the table's name ({@code queue_log => pgsql,<database>,<table>} in extconfig.conf)
 * @param timeZone the zone of the {@code time} column when it has none: {@code UTC} with
 *     {@code queue_log_realtime_use_gmt = yes} in logger.conf (recommended), else Asterisk's local zone
 * @param margin how far before the last moment AMI events were known to be handled the search starts
 *     (clock differences between the hosts, events still on their way); abandons seen twice are recorded once
 * @param heartbeat how often a connected instance records up to when it has handled AMI events
 * @param maxLookback the longest stretch of queue_log searched after one reconnect
 * @param retryAfter wait before searching again when the database could not be read
 */
@ConfigurationProperties("ringback.queue-log")
public record QueueLogProperties(
        String url,
        String username,
        String password,
        @DefaultValue("queue_log") String table,
        @DefaultValue("UTC") ZoneId timeZone,
        @DefaultValue("60s") Duration margin,
        @DefaultValue("5s") Duration heartbeat,
        @DefaultValue("24h") Duration maxLookback,
        @DefaultValue("30s") Duration retryAfter) {

    public boolean enabled() {
        return url != null && !url.isBlank();
    }
}
