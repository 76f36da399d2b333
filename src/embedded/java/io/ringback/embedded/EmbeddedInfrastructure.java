package io.ringback.embedded;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.SandboxEngineFactory;
import io.ringback.simulator.JdbcQueueLog;
import io.ringback.simulator.SimulatedAsterisk;
import io.ringback.simulator.SimulatorConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.MapPropertySource;

/**
 * The embedded mode: starts the embedded parts before the application context refreshes, so that
 * the Camunda client, the DataSource and the AMI connection find their addresses as ordinary
 * properties and use exactly the code paths of a real deployment (gRPC, JDBC, AMI over TCP).
 *
 * <p>Nothing starts unless the Spring profile {@value #PROFILE} is active ({@code mvn spring-boot:run}
 * activates it; this class is not in the production jar at all). Inside the embedded mode each part
 * starts only when its real address is not configured:
 * <ul>
 *   <li>Zeebe: no {@code camunda.client.grpc-address} → the in-memory engine of zeebe-process-test;
 *   <li>PostgreSQL: no {@code spring.datasource.url} → an embedded PostgreSQL (data discarded on stop);
 *   <li>Asterisk: no {@code ringback.ami.host} → the simulated Asterisk, with demo traffic; with the
 *       embedded PostgreSQL it writes its realtime {@code queue_log} into the database {@code asterisk}
 *       there, which {@code ringback.queue-log.url} points at.
 * </ul>
 * The started parts are registered as beans ({@code embeddedZeebeEngine}, {@code embeddedPostgres},
 * {@code simulatedAsterisk}) and stopped after every other bean when the context closes. The demo
 * users ({@link DemoUsers}, password {@code demo}) are always there in the embedded mode.
 */
public class EmbeddedInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    /** The Spring profile of the embedded mode. */
    public static final String PROFILE = "embedded";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
    static final String PROPERTY_SOURCE = "ringbackEmbeddedInfrastructure";
    /** The database of the simulated Asterisk's realtime queue_log, beside the orchestrator's own. */
    static final String QUEUE_LOG_DATABASE = "asterisk";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (!env.acceptsProfiles(Profiles.of(PROFILE)) || env.getPropertySources().contains(PROPERTY_SOURCE)) {
            return; // not the embedded mode, or already initialised (parent/child contexts)
        }
        var beans = (DefaultListableBeanFactory) context.getBeanFactory();
        Map<String, Object> props = new LinkedHashMap<>();

        EmbeddedPostgres postgres = null;
        if (wanted(env, "ringback.embedded.postgres.enabled", "spring.datasource.url")) {
            postgres = startPostgres(port(env, "ringback.embedded.postgres.port", 0));
            props.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
            props.put("spring.datasource.username", "postgres");
            props.put("spring.datasource.password", "postgres");
            register(beans, "embeddedPostgres", postgres, postgres::close);
            log.info("Embedded PostgreSQL started on port {}", postgres.getPort());
        }

        if (wanted(env, "ringback.embedded.zeebe.enabled", "camunda.client.grpc-address")) {
            int port = freeOr(port(env, "ringback.embedded.zeebe.port", 26500));
            ZeebeTestEngine engine = SandboxEngineFactory.inMemory(port);
            engine.start();
            String address = "http://" + engine.getGatewayAddress();
            props.put("camunda.client.grpc-address", address);
            props.put("camunda.client.rest-address", address);
            props.put("camunda.client.prefer-rest-over-grpc", "false");
            props.put("camunda.client.auth.method", "none");
            register(beans, "embeddedZeebeEngine", engine, engine::stop);
            beans.registerSingleton("embeddedDecisionXml", new RecordStreamDecisionXml(engine));
            log.info("Embedded Zeebe engine started, gRPC gateway at {}", engine.getGatewayAddress());
        }

        if (wanted(env, "ringback.embedded.asterisk.enabled", "ringback.ami.host")) {
            // as docker/asterisk/manager.conf: channelvars = CB_CALLBACK_ID,CB_ATTEMPT
            SimulatorConfig config = SimulatorConfig.defaults()
                    .withPort(freeOr(port(env, "ringback.embedded.asterisk.port", 5038)))
                    .withMessageDuration(env.getProperty("ringback.embedded.asterisk.message-duration", Duration.class,
                            Duration.ofSeconds(1)))
                    .withLeaveQueueAfter(env.getProperty("ringback.embedded.asterisk.leave-queue-after", Duration.class,
                            Duration.ofSeconds(9)))
                    .withChannelVariables("CB_CALLBACK_ID", "CB_ATTEMPT");
            SimulatedAsterisk asterisk = new SimulatedAsterisk(config);
            if (postgres != null && !env.containsProperty("ringback.queue-log.url")) {
                // Asterisk's realtime queue_log (res_config_pgsql) in a database of its own: abandons missed
                // while AMI is down are recovered from it (io.ringback.queuelog)
                JdbcQueueLog queueLog = queueLogIn(postgres);
                asterisk.addQueueLogSink(queueLog);
                register(beans, "simulatedQueueLog", queueLog, queueLog::close);
                props.put("ringback.queue-log.url", postgres.getJdbcUrl("postgres", QUEUE_LOG_DATABASE));
                props.put("ringback.queue-log.username", "postgres");
                props.put("ringback.queue-log.password", "postgres");
            }
            asterisk.start();
            props.put("ringback.ami.host", "127.0.0.1");
            props.put("ringback.ami.port", String.valueOf(asterisk.port()));
            props.put("ringback.ami.username", config.username());
            props.put("ringback.ami.secret", config.secret());
            register(beans, "simulatedAsterisk", asterisk, asterisk::close);
            log.info("Simulated Asterisk (AMI) listening on port {}", asterisk.port());
        }

        env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, props));
        // last: a user given on the command line or in application.yml wins over its demo namesake
        env.getPropertySources().addLast(DemoUsers.propertySource());
        log.info("Demo users {} log in with the password '{}' (README)", DemoUsers.PERMISSIONS.keySet(),
                DemoUsers.PASSWORD);
    }

    /** Before {@code RequiredInfrastructure} checks that every address is known. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Wanted unless explicitly disabled or the real address is configured. */
    private static boolean wanted(ConfigurableEnvironment env, String enabledProperty, String realAddressProperty) {
        Boolean enabled = env.getProperty(enabledProperty, Boolean.class);
        if (Boolean.FALSE.equals(enabled)) {
            return false;
        }
        String real = env.getProperty(realAddressProperty);
        return real == null || real.isBlank();
    }

    private static int port(ConfigurableEnvironment env, String property, int fallback) {
        return env.getProperty(property, Integer.class, fallback);
    }

    /** The requested port if it is free, otherwise any free port (0 asks for any). */
    static int freeOr(int requested) {
        if (requested > 0) {
            try (ServerSocket probe = new ServerSocket(requested)) {
                probe.setReuseAddress(true);
                return requested;
            } catch (IOException taken) {
                log.warn("Port {} is taken; using a free port instead", requested);
            }
        }
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** The simulated Asterisk's queue_log: table {@code queue_log} of database {@value #QUEUE_LOG_DATABASE}. */
    static JdbcQueueLog queueLogIn(EmbeddedPostgres postgres) {
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            try (var exists = statement.executeQuery(
                    "select 1 from pg_database where datname = '" + QUEUE_LOG_DATABASE + "'")) {
                if (!exists.next()) {
                    statement.execute("create database " + QUEUE_LOG_DATABASE);
                }
            }
            var database = postgres.getDatabase("postgres", QUEUE_LOG_DATABASE);
            JdbcQueueLog.createTable(database, "queue_log");
            return new JdbcQueueLog(database, "queue_log");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("The simulated Asterisk's queue_log could not be created", e);
        }
    }

    private static EmbeddedPostgres startPostgres(int port) {
        try {
            // stopped by the context, after every bean that uses it (register below). Its own JVM shutdown hook
            // ran beside Spring's: PostgreSQL went away while a scheduled job still asked the pool for a
            // connection, and the context's close waited for that job the pool's 30 s (every test JVM's exit)
            return EmbeddedPostgres.builder().setPort(port).setRegisterShutdownHook(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
        }
    }

    private static void register(DefaultListableBeanFactory beans, String name, Object bean, AutoCloseable stop) {
        beans.registerSingleton(name, bean);
        // registered before every other bean, so destroyed after all of them
        beans.registerDisposableBean(name, () -> {
            try {
                stop.close();
            } catch (Exception e) {
                log.warn("Stopping {} failed: {}", name, e.toString());
            }
        });
    }
}
