package io.ringback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sandbox's PostgreSQL keeps its data directory; the simulated PBX records its queue_log and Originates there. */
class SandboxTest {

    @TempDir Path directory;

    private static SandboxOptions options(Path directory) {
        return SandboxOptions.defaults().withDataDirectory(directory)
                .withPorts(OrchestratorProcess.freePort(), OrchestratorProcess.freePort(), OrchestratorProcess.freePort(), 0);
    }

    @Test
    void theDatabaseOutlivesTheSandbox() {
        try (Sandbox sandbox = new Sandbox(options(directory)).start()) {
            JdbcClient.create(sandbox.database(SandboxOptions.ORCHESTRATOR_DATABASE))
                    .sql("create table kept (note text); insert into kept values ('still here')").update();
        }
        try (Sandbox again = new Sandbox(options(directory)).start()) {
            assertThat(JdbcClient.create(again.database(SandboxOptions.ORCHESTRATOR_DATABASE))
                    .sql("select note from kept").query(String.class).single()).isEqualTo("still here");
        }
    }

    @Test
    void theSimulatedPbxWritesItsQueueLogWhereTheOrchestratorReadsIt() throws Exception {
        try (Sandbox sandbox = new Sandbox(options(directory)).start()) {
            String uniqueId = sandbox.asterisk().abandon("support", "+5511912340001", "Ana", 40);
            var pbx = JdbcClient.create(sandbox.database(SandboxOptions.ASTERISK_DATABASE));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> pbx
                    .sql("select count(*) from queue_log where callid = ?").param(uniqueId).query(Integer.class).single() == 2);
            assertThat(sandbox.orchestratorProperties()).containsEntry("ringback.queue-log.url",
                    sandbox.jdbcUrl(SandboxOptions.ASTERISK_DATABASE));
            assertThat(Files.readString(directory.resolve("orchestrator.properties")))
                    .contains("spring.datasource.url=" + sandbox.jdbcUrl(SandboxOptions.ORCHESTRATOR_DATABASE));
        }
    }
}
