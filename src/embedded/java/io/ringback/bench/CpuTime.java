package io.ringback.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time used so far, in milliseconds, by the whole machine (Linux {@code /proc/stat}: every core's
 * user, nice, system, irq and softirq time; not steal), by this JVM (where the benchmark's engine, the
 * simulated Asterisk and the driver run) and by the orchestrator's process. The difference of two
 * readings says where a phase's CPU went; the rest of the machine is mostly PostgreSQL.
 */
record CpuTime(double machineMs, double benchmarkJvmMs, double orchestratorMs) {

    /** {@code /proc/stat} counts in clock ticks: 100 a second on every Linux build that matters here. */
    private static final double MS_PER_TICK = 10.0;

    /** Now; {@code orchestratorPid} -1 when no orchestrator runs. */
    static CpuTime now(long orchestratorPid) {
        double orchestrator = orchestratorPid < 0 ? 0 : ProcessHandle.of(orchestratorPid)
                .flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L) / 1e6;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new CpuTime(machine(), os.getProcessCpuTime() / 1e6, orchestrator);
    }

    CpuTime minus(CpuTime earlier) {
        return new CpuTime(machineMs - earlier.machineMs, benchmarkJvmMs - earlier.benchmarkJvmMs,
                orchestratorMs - earlier.orchestratorMs);
    }

    /** The machine's CPU time not in this JVM nor in the orchestrator: PostgreSQL, the OS, anything else. */
    double otherMs() {
        return machineMs - benchmarkJvmMs - orchestratorMs;
    }

    private static double machine() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst(); // cpu  user nice system idle iowait irq softirq steal ...
            String[] f = cpu.trim().split("\\s+");
            // steal (f[8]) is time the hypervisor gave to others: not work done here
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
            return busy * MS_PER_TICK;
        } catch (IOException e) {
            throw new UncheckedIOException("benchmark: /proc/stat unreadable (Linux only)", e);
        }
    }
}
