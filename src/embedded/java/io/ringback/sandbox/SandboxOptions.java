package io.ringback.sandbox;

import io.ringback.simulator.QueueMemberSpec;
import io.ringback.simulator.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Sandbox} starts and where.
 *
 * @param dataDirectory  where PostgreSQL keeps its data (kept across restarts of the sandbox)
 * @param zeebePort      gRPC port of the in-memory engine
 * @param postgresPort   port of PostgreSQL
 * @param amiPort        AMI port of the simulated Asterisk
 * @param controlPort    HTTP port of the control interface ({@link SandboxControl}); 0: any free port
 * @param simulator      queues, customers' timings; its port is {@code amiPort}
 */
public record SandboxOptions(Path dataDirectory, int zeebePort, int postgresPort, int amiPort, int controlPort,
                             SimulatorConfig simulator) {

    /** The orchestrator's database and the simulated Asterisk's (queue_log, call journal). */
    public static final String ORCHESTRATOR_DATABASE = "ringback";
    public static final String ASTERISK_DATABASE = "asterisk";

    /**
     * {@code target/sandbox}; the ports of the embedded mode (26500, 5038) and 5433, 8099; the demo
     * queues of the simulator (support, sales, billing); customers answer after 300 ms, ring 8 s, talk 5 s.
     */
    public static SandboxOptions defaults() {
        return new SandboxOptions(Path.of("target", "sandbox"), 26500, 5433, 5038, 8099,
                SimulatorConfig.defaults().withChannelVariables("CB_CALLBACK_ID", "CB_ATTEMPT"));
    }

    public SandboxOptions withDataDirectory(Path directory) {
        return new SandboxOptions(directory, zeebePort, postgresPort, amiPort, controlPort, simulator);
    }

    public SandboxOptions withPorts(int zeebe, int postgres, int ami, int control) {
        return new SandboxOptions(dataDirectory, zeebe, postgres, ami, control, simulator);
    }

    public SandboxOptions withSimulator(SimulatorConfig config) {
        return new SandboxOptions(dataDirectory, zeebePort, postgresPort, amiPort, controlPort, config);
    }

    /** Adds queues named {@code name} with {@code agents} members {@code Local/<name>-<n>@agents} each. */
    public SandboxOptions withQueues(Map<String, Integer> agentsPerQueue) {
        Map<String, List<QueueMemberSpec>> queues = new LinkedHashMap<>(simulator.queues());
        agentsPerQueue.forEach((queue, agents) -> {
            List<QueueMemberSpec> members = new ArrayList<>();
            for (int n = 1; n <= agents; n++) {
                members.add(new QueueMemberSpec("Local/" + queue + "-" + n + "@agents", "Agent " + n + " of " + queue));
            }
            queues.put(queue, members);
        });
        return withSimulator(simulator.withQueues(queues));
    }

    /** Customers' timings: ring time of those who never answer, answer delay, talk time, message, leaving. */
    public SandboxOptions withTimings(Duration ring, Duration answer, Duration talk, Duration message, Duration leave) {
        return withSimulator(simulator.withRingTime(ring).withAnswerDelay(answer).withTalkTime(talk)
                .withMessageDuration(message).withLeaveQueueAfter(leave));
    }

    /**
     * Parses {@code --data=dir --zeebe-port=n --postgres-port=n --ami-port=n --control-port=n
     * --queues=name:agents,...} over the defaults.
     */
    public static SandboxOptions parse(String... args) {
        SandboxOptions options = defaults();
        int zeebe = options.zeebePort, postgres = options.postgresPort, ami = options.amiPort, control = options.controlPort;
        Map<String, Integer> queues = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            String value = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "data" -> options = options.withDataDirectory(Path.of(value));
                case "zeebe-port" -> zeebe = Integer.parseInt(value);
                case "postgres-port" -> postgres = Integer.parseInt(value);
                case "ami-port" -> ami = Integer.parseInt(value);
                case "control-port" -> control = Integer.parseInt(value);
                case "queues" -> {
                    for (String queue : value.split(",")) {
                        String[] nameAndAgents = queue.split(":");
                        queues.put(nameAndAgents[0], nameAndAgents.length > 1 ? Integer.parseInt(nameAndAgents[1]) : 2);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + " (--data, --zeebe-port, "
                        + "--postgres-port, --ami-port, --control-port, --queues=name:agents,...)");
            }
        }
        return options.withPorts(zeebe, postgres, ami, control).withQueues(queues);
    }
}
