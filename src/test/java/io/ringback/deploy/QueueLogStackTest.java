package io.ringback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.deploy.Stack.Mount;
import io.ringback.queuelog.QueueLogProperties;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The compose stack's realtime queue_log: Asterisk writes it to PostgreSQL (res_config_pgsql, in UTC), the
 * postgres service creates its database and table at the first start, and the orchestrator reads exactly
 * that table after every AMI reconnect.
 */
class QueueLogStackTest {

    private final Stack stack = Stack.load();
    private final AsteriskConf extconfig = AsteriskConf.parse(stack.read("docker/asterisk/extconfig.conf"));
    private final AsteriskConf pgsql = AsteriskConf.parse(stack.read("docker/asterisk/res_pgsql.conf"));
    private final AsteriskConf logger = AsteriskConf.parse(stack.read("docker/asterisk/logger.conf"));
    private final QueueLogProperties orchestrator = stack.orchestratorProperties("ringback.queue-log", QueueLogProperties.class);

    @Test
    void asteriskWritesItsQueueLogToTheStacksPostgresql() {
        String[] realtime = extconfig.value("settings", "queue_log").split(",");
        assertThat(realtime[0].strip()).isEqualTo("pgsql");
        assertThat(pgsql.value("general", "dbhost")).isEqualTo("postgres");
        assertThat(pgsql.value("general", "dbport")).isEqualTo("5432");
        assertThat(logger.value("general", "queue_log")).isEqualTo("yes");
        assertThat(logger.value("general", "queue_log_to_file")).isEqualTo("no");
        assertThat(stack.dependsOn("asterisk")).containsEntry("postgres", "service_healthy");
    }

    @Test
    void theOrchestratorReadsTheTableAsteriskWritesInTheZoneItWritesIn() {
        String table = extconfig.value("settings", "queue_log").split(",")[2].strip();
        assertThat(orchestrator.enabled()).isTrue();
        assertThat(orchestrator.url()).isEqualTo("jdbc:postgresql://postgres:5432/" + pgsql.value("general", "dbname"));
        assertThat(orchestrator.table()).isEqualTo(table);
        assertThat(logger.value("general", "queue_log_realtime_use_gmt")).isEqualTo("yes");
        assertThat(orchestrator.timeZone().normalized()).isEqualTo(ZoneOffset.UTC);
        assertThat(orchestrator.username()).isEqualTo(stack.environment("postgres").get("POSTGRES_USER"));
    }

    @Test
    void thePostgresServiceCreatesTheQueueLogForTheRoleAsteriskLogsInAs() {
        assertThat(stack.mounts("postgres")).extracting(Mount::source, Mount::target)
                .contains(org.assertj.core.groups.Tuple.tuple("./docker/postgres/asterisk-queue-log.sh",
                        "/docker-entrypoint-initdb.d/10-asterisk-queue-log.sh"));
        String script = stack.read("docker/postgres/asterisk-queue-log.sh");
        assertThat(script).contains("create role " + pgsql.value("general", "dbuser"))
                .contains("create database " + pgsql.value("general", "dbname"))
                .contains("create table " + orchestrator.table() + " (")
                .contains("time      timestamp,").contains("data5     varchar(100)");
        assertThat(pgsql.value("general", "dbpass")).isEqualTo(stack.dotEnv.get("ASTERISK_DB_PASSWORD"));
        assertThat(stack.environment("postgres")).containsEntry("ASTERISK_DB_PASSWORD",
                stack.dotEnv.get("ASTERISK_DB_PASSWORD"));
    }
}
