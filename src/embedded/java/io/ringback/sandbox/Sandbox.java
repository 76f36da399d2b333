package io.ringback.sandbox;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.SandboxEngineFactory;
import io.ringback.simulator.JdbcCallJournal;
import io.ringback.simulator.JdbcQueueLog;
import io.ringback.simulator.SimulatedAsterisk;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the orchestrator needs, as one process of its own, so that the orchestrator connects to it
 * exactly as in production (gRPC, JDBC, AMI over TCP; no embedded part inside it) and can be killed
 * with {@code kill -9} and started again while the engine and the database live on:
 *
 * <ul>
 *   <li>the in-memory Zeebe engine of zeebe-process-test (gRPC on {@code zeebePort});
 *   <li>PostgreSQL keeping its data directory ({@code <data>/postgres}) across restarts, with the
 *       database {@code ringback} for the orchestrator and {@code asterisk} for the simulated PBX;
 *   <li>the simulated Asterisk (AMI on {@code amiPort}), writing its realtime {@code queue_log} to
 *       {@code asterisk.queue_log} and every Originate it receives (time, ActionID, number, when its call
 *       ended) to {@code asterisk.sim_originate}, where a checker reads them;
 *   <li>a small HTTP control interface to drive the PBX ({@link SandboxControl}), which also answers
 *       the one REST call of the orchestration cluster the orchestrator makes (a deployed decision's XML).
 * </ul>
 * It writes the orchestrator's properties to {@code <data>/orchestrator.properties}. The engine keeps
 * its state in memory only: stop the orchestrator, not the sandbox (docs/sandbox.md).
 *
 * <pre>
 * bench/sandbox.sh                 # mvn test-compile, then this class's main
 * java -jar target/ringback-0.1.0-SNAPSHOT.jar --spring.config.import=file:target/sandbox/orchestrator.properties
 * </pre>
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
    public static final String QUEUE_LOG_TABLE = "queue_log";
    public static final String CALL_JOURNAL_TABLE = "sim_originate";

    private final SandboxOptions options;
    private EmbeddedPostgres postgres;
    private ZeebeTestEngine engine;
    private SimulatedAsterisk asterisk;
    private JdbcQueueLog queueLog;
    private JdbcCallJournal callJournal;
    private SandboxControl control;
    private final Map<String, com.zaxxer.hikari.HikariDataSource> pools = new java.util.concurrent.ConcurrentHashMap<>();

    public Sandbox(SandboxOptions options) {
        this.options = options;
    }

    /** Starts PostgreSQL, the engine and the simulated Asterisk, and writes {@code orchestrator.properties}. */
    public Sandbox start() {
        try {
            Files.createDirectories(options.dataDirectory());
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(options.dataDirectory().resolve("postgres"))
                    .setCleanDataDirectory(false)
                    .setPort(options.postgresPort())
                    .start();
            createDatabase(SandboxOptions.ORCHESTRATOR_DATABASE);
            createDatabase(SandboxOptions.ASTERISK_DATABASE);
            DataSource pbx = database(SandboxOptions.ASTERISK_DATABASE);
            JdbcQueueLog.createTable(pbx, QUEUE_LOG_TABLE);
            JdbcCallJournal.createTable(pbx, CALL_JOURNAL_TABLE);

            engine = newEngine();
            engine.start();

            asterisk = new SimulatedAsterisk(options.simulator().withPort(options.amiPort()));
            queueLog = new JdbcQueueLog(pbx, QUEUE_LOG_TABLE);
            callJournal = new JdbcCallJournal(pbx, CALL_JOURNAL_TABLE);
            asterisk.addQueueLogSink(queueLog);
            asterisk.addCallJournal(callJournal);
            asterisk.start();

            control = new SandboxControl(asterisk, engine, Math.max(0, options.controlPort())).start();
            Path properties = options.dataDirectory().resolve("orchestrator.properties");
            Files.writeString(properties, propertiesFile());
            log.info("Sandbox up: Zeebe gRPC {}, PostgreSQL {}, AMI {}, control {}; orchestrator properties in {}",
                    engine.getGatewayAddress(), postgres.getPort(), asterisk.port(),
                    "http://127.0.0.1:" + control.port(), properties.toAbsolutePath());
            return this;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("The sandbox did not start", e);
        } catch (SQLException e) {
            close();
            throw new IllegalStateException("The sandbox's databases could not be prepared", e);
        }
    }

    /**
     * Where the engine keeps its state: {@code rocksdb} (the default), the store a Zeebe broker uses, in
     * {@code zeebe-state/} of the data directory (emptied at each start: the log is in memory, so nothing
     * survives a restart of the sandbox anyway); {@code memory}, zeebe-process-test's own store, whose
     * every scan copies the whole state (docs/performance.md). System property {@value #ENGINE_STATE}.
     */
    public static final String ENGINE_STATE = "ringback.sandbox.engine-state";

    private ZeebeTestEngine newEngine() throws IOException {
        String state = System.getProperty(ENGINE_STATE, "rocksdb");
        switch (state) {
            case "memory" -> {
                return SandboxEngineFactory.inMemory(options.zeebePort());
            }
            case "rocksdb" -> {
                Path directory = options.dataDirectory().resolve("zeebe-state");
                if (Files.exists(directory)) {
                    try (var paths = Files.walk(directory)) {
                        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(path);
                        }
                    }
                }
                Files.createDirectories(directory);
                log.info("Engine state in RocksDB at {}", directory.toAbsolutePath());
                return SandboxEngineFactory.rocksDb(options.zeebePort(), directory);
            }
            default -> throw new IllegalArgumentException(ENGINE_STATE + " must be rocksdb or memory, not " + state);
        }
    }

    /** The properties an orchestrator needs to use this sandbox, as on its command line. */
    public Map<String, String> orchestratorProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        String zeebe = "http://" + engine.getGatewayAddress();
        p.put("camunda.client.grpc-address", zeebe);
        // the in-memory engine has no REST API; the control interface answers the one call the orchestrator makes
        p.put("camunda.client.rest-address", "http://127.0.0.1:" + control.port());
        p.put("camunda.client.prefer-rest-over-grpc", "false");
        p.put("camunda.client.auth.method", "none");
        p.put("spring.datasource.url", jdbcUrl(SandboxOptions.ORCHESTRATOR_DATABASE));
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", "postgres");
        p.put("ringback.ami.host", "127.0.0.1");
        p.put("ringback.ami.port", String.valueOf(asterisk.port()));
        p.put("ringback.ami.username", options.simulator().username());
        p.put("ringback.ami.secret", options.simulator().secret());
        p.put("ringback.queue-log.url", jdbcUrl(SandboxOptions.ASTERISK_DATABASE));
        p.put("ringback.queue-log.username", "postgres");
        p.put("ringback.queue-log.password", "postgres");
        return p;
    }

    private String propertiesFile() {
        StringBuilder file = new StringBuilder("""
                # Written by io.ringback.sandbox.Sandbox: an orchestrator against this sandbox, exactly as in production.
                #   java -jar target/ringback-0.1.0-SNAPSHOT.jar --spring.config.import=file:<this file>
                # Sandbox users (password "sandbox"): admin may do everything, pbx posts abandons.
                ringback.security.users.admin.password={noop}sandbox
                ringback.security.users.admin.permissions=callbacks:view,callbacks:create,callbacks:edit,callbacks:cancel,settings:admin,intake
                ringback.security.users.pbx.password={noop}sandbox
                ringback.security.users.pbx.permissions=intake
                """);
        orchestratorProperties().forEach((k, v) -> file.append(k).append('=').append(v).append('\n'));
        return file.toString();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    /**
     * A small pool of connections to one of the sandbox's databases (the simulated PBX's writers and the
     * benchmark's checks ask often: a new PostgreSQL connection each time cost the machine the CPU the
     * system under test needs).
     */
    public DataSource database(String database) {
        return pools.computeIfAbsent(database, name -> {
            var config = new com.zaxxer.hikari.HikariConfig();
            config.setJdbcUrl(jdbcUrl(name));
            config.setUsername("postgres");
            config.setPassword("postgres");
            config.setMaximumPoolSize(4);
            config.setMinimumIdle(0);
            config.setPoolName("sandbox-" + name);
            return new com.zaxxer.hikari.HikariDataSource(config);
        });
    }

    public ZeebeTestEngine engine() {
        return engine;
    }

    public SimulatedAsterisk asterisk() {
        return asterisk;
    }

    public SandboxOptions options() {
        return options;
    }

    /** Writes of the queue_log and call journal not in the database yet. */
    public int journalBacklog() {
        return (queueLog == null ? 0 : queueLog.backlog()) + (callJournal == null ? 0 : callJournal.backlog());
    }

    private void createDatabase(String name) throws SQLException {
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            try (var exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("create database " + name);
        }
    }

    @Override
    public void close() {
        if (control != null) {
            control.close();
        }
        if (asterisk != null) {
            asterisk.close();
        }
        if (queueLog != null) {
            queueLog.close();
        }
        if (callJournal != null) {
            callJournal.close();
        }
        if (engine != null) {
            engine.stop();
        }
        pools.values().forEach(com.zaxxer.hikari.HikariDataSource::close);
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Stopping PostgreSQL failed: {}", e.toString());
            }
        }
    }

    /** {@code bench/sandbox.sh [--data=dir] [--zeebe-port=n] [--postgres-port=n] [--ami-port=n] [--control-port=n] [--queues=q:agents,...]} */
    public static void main(String[] args) throws InterruptedException {
        Sandbox sandbox = new Sandbox(SandboxOptions.parse(args)).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            log.info("Sandbox stopping");
            sandbox.close();
            stopped.countDown();
        }));
        System.out.println("Sandbox ready. Start the orchestrator with:");
        System.out.println("  java -jar target/ringback-0.1.0-SNAPSHOT.jar --spring.config.import=file:"
                + sandbox.options().dataDirectory().resolve("orchestrator.properties").toAbsolutePath());
        stopped.await();
    }
}
