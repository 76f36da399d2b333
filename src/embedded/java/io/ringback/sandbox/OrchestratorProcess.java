package io.ringback.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One orchestrator as a JVM of its own, started with exactly the production class path (the compiled
 * main code and its compile and runtime dependencies, {@code target/runtime-classpath.txt}: what the
 * jar carries, no embedded part) and real addresses. It can be killed with {@code kill -9} and started
 * again on the same HTTP port; its console goes to a log file, restarts appended.
 */
public final class OrchestratorProcess {

    private static final Logger log = LoggerFactory.getLogger(OrchestratorProcess.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path logFile;
    private final List<String> command;
    private final int httpPort;
    private volatile Process process;
    private volatile Instant startedAt;
    private int starts;

    /**
     * @param name       shown in the log file name and the chaos run's output
     * @param properties the orchestrator's properties (addresses of the sandbox, timings)
     * @param jvmOptions e.g. {@code -Xmx512m}
     */
    public OrchestratorProcess(String name, Path directory, Map<String, String> properties, List<String> jvmOptions) {
        this(name, directory, properties, jvmOptions, productionClassPath());
    }

    /**
     * The embedded mode as {@code mvn spring-boot:run} starts it: profile {@code embedded}, the test class
     * path (src/embedded, the in-memory engine, PostgreSQL binaries, the simulated Asterisk).
     */
    public static OrchestratorProcess embeddedMode(String name, Path directory, Map<String, String> properties,
                                                   List<String> jvmOptions) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("spring.profiles.active", "embedded");
        all.putAll(properties);
        return new OrchestratorProcess(name, directory, all, jvmOptions, System.getProperty("java.class.path"));
    }

    private OrchestratorProcess(String name, Path directory, Map<String, String> properties, List<String> jvmOptions,
                                String classPath) {
        this.name = name;
        this.httpPort = freePort();
        this.logFile = directory.resolve("orchestrator-" + name + ".log");
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("server.port", String.valueOf(httpPort));
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add("io.ringback.RingbackApplication");
        all.forEach((k, v) -> cmd.add("--" + k + "=" + v));
        this.command = List.copyOf(cmd);
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "\n===== start " + (++starts) + " of " + name + " at " + Instant.now() + " =====\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            startedAt = Instant.now();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start orchestrator " + name, e);
        }
    }

    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Whether {@code /actuator/health/readiness} answers 200: the engine, the database and AMI are reachable. */
    public boolean isReady() {
        if (!isAlive()) {
            return false;
        }
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until ready; returns how long the start took. */
    public Duration awaitReady(Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive()) {
                throw new IllegalStateException("orchestrator " + name + " exited with " + process.exitValue()
                        + " (see " + logFile + ")");
            }
            if (isReady()) {
                return Duration.between(startedAt, Instant.now());
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("orchestrator " + name + " not ready within " + within + " (see " + logFile + ")");
    }

    /** {@code kill -9}: no shutdown hook, no logoff, no job completed; the process is gone when this returns. */
    public synchronized void kill9() throws InterruptedException {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-9", String.valueOf(p.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            p.destroyForcibly(); // SIGKILL as well
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("orchestrator " + name + " survived kill -9");
        }
        log.info("Orchestrator {} killed with kill -9 (pid {})", name, p.pid());
    }

    /** A graceful stop (SIGTERM), for the end of a run. */
    public synchronized void stop() throws InterruptedException {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    /** The process id, while it runs. */
    public long pid() {
        Process p = process;
        if (p == null) {
            throw new IllegalStateException(name + " never started");
        }
        return p.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** The JDK this JVM runs on (the build's toolchain JDK in tests). */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** {@code target/classes} and the dependencies the jar carries ({@code target/runtime-classpath.txt}). */
    static String productionClassPath() {
        Path target = Path.of(System.getProperty("ringback.target", "target"));
        Path file = target.resolve("runtime-classpath.txt");
        try {
            return target.resolve("classes").toAbsolutePath() + java.io.File.pathSeparator + Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("No " + file + ": run mvn test-compile first", e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
