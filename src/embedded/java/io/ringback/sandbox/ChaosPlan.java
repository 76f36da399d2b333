package io.ringback.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link ChaosRun} does.
 *
 * @param callbacks         abandons driven (each a new customer, some a repeated abandon of a pending one)
 * @param kills             {@code kill -9} and restart cycles of the orchestrators, at random moments
 * @param perSecond         abandons per second
 * @param twoInstancesFrom  share of the traffic time at which a second orchestrator starts (both on the same AMI,
 *                          engine and database); it is killed with {@code kill -9} at {@code twoInstancesUntil}
 * @param twoInstancesUntil see above; equal to {@code twoInstancesFrom}: one instance throughout
 * @param amiDropAt         share of the traffic time at which the AMI connection drops
 * @param amiDrop           for how long (the manager port refuses connections; the PBX goes on)
 * @param settings          what the decisions give the run's queues
 * @param lostMargin        a callback not ended this long after its time limit is lost
 * @param apiShare          share of the abandons posted to the intake API instead of reported over AMI
 * @param agentsPerQueue    agents in each of the two queues {@code chaos-a}, {@code chaos-b}
 * @param seed              for the random choices (customers' behaviours, kill moments)
 * @param directory         the run's files: sandbox data, orchestrator logs
 * @param jvmOptions        of the orchestrators
 */
public record ChaosPlan(int callbacks, int kills, double perSecond, double twoInstancesFrom, double twoInstancesUntil,
                        double amiDropAt, Duration amiDrop, ChaosModels.Settings settings, Duration lostMargin,
                        double apiShare, int agentsPerQueue, long seed, Path directory, List<String> jvmOptions) {

    static final List<String> JVM = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xshare:auto", "-Djava.security.egd=file:/dev/urandom");

    /** The full run of the issue: 1,000 callbacks, 10 kills, two instances for a third of it, one 60 s AMI drop. */
    public static ChaosPlan full(Path directory, long seed) {
        return new ChaosPlan(1_000, 10, 1.5, 0.30, 0.60, 0.75, Duration.ofSeconds(60),
                new ChaosModels.Settings(5, 240, 3, 4), Duration.ofSeconds(180), 0.3, 6, seed, directory, JVM);
    }

    /** The short run of {@code mvn verify}: about 100 callbacks, 3 kills, two instances for a while, a 10 s AMI drop. */
    public static ChaosPlan quick(Path directory, long seed) {
        return new ChaosPlan(100, 3, 2.0, 0.25, 0.55, 0.70, Duration.ofSeconds(10),
                new ChaosModels.Settings(5, 90, 3, 3), Duration.ofSeconds(90), 0.3, 6, seed, directory, JVM);
    }

    /** How long the abandons are driven. */
    public Duration trafficTime() {
        return Duration.ofMillis(Math.round(callbacks / perSecond * 1000));
    }

    /**
     * Parses {@code --callbacks=n --kills=n --rate=n --ami-drop=60s --time-limit=s --margin=s --seed=n --dir=path
     * --two-instances=from-until (shares of the traffic time)} over {@code base}.
     */
    public static ChaosPlan parse(ChaosPlan base, String... args) {
        ChaosPlan p = base;
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            String v = kv.length > 1 ? kv[1] : "";
            p = switch (kv[0]) {
                case "callbacks" -> p.with(Integer.parseInt(v), p.kills, p.perSecond, p.amiDrop, p.settings, p.lostMargin, p.seed, p.directory, p.twoInstancesFrom, p.twoInstancesUntil);
                case "kills" -> p.with(p.callbacks, Integer.parseInt(v), p.perSecond, p.amiDrop, p.settings, p.lostMargin, p.seed, p.directory, p.twoInstancesFrom, p.twoInstancesUntil);
                case "rate" -> p.with(p.callbacks, p.kills, Double.parseDouble(v), p.amiDrop, p.settings, p.lostMargin, p.seed, p.directory, p.twoInstancesFrom, p.twoInstancesUntil);
                case "ami-drop" -> p.with(p.callbacks, p.kills, p.perSecond, Duration.parse("PT" + v.toUpperCase()), p.settings, p.lostMargin, p.seed, p.directory, p.twoInstancesFrom, p.twoInstancesUntil);
                case "time-limit" -> p.with(p.callbacks, p.kills, p.perSecond, p.amiDrop, new ChaosModels.Settings(p.settings.minimumWaitSeconds(), Integer.parseInt(v), p.settings.attempts(), p.settings.retryIntervalSeconds()), p.lostMargin, p.seed, p.directory, p.twoInstancesFrom, p.twoInstancesUntil);
                case "margin" -> p.with(p.callbacks, p.kills, p.perSecond, p.amiDrop, p.settings, Duration.ofSeconds(Long.parseLong(v)), p.seed, p.directory, p.twoInstancesFrom, p.twoInstancesUntil);
                case "seed" -> p.with(p.callbacks, p.kills, p.perSecond, p.amiDrop, p.settings, p.lostMargin, Long.parseLong(v), p.directory, p.twoInstancesFrom, p.twoInstancesUntil);
                case "dir" -> p.with(p.callbacks, p.kills, p.perSecond, p.amiDrop, p.settings, p.lostMargin, p.seed, Path.of(v), p.twoInstancesFrom, p.twoInstancesUntil);
                case "two-instances" -> {
                    String[] range = v.split("-");
                    yield p.with(p.callbacks, p.kills, p.perSecond, p.amiDrop, p.settings, p.lostMargin, p.seed, p.directory, Double.parseDouble(range[0]), Double.parseDouble(range[1]));
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + " (--callbacks, --kills, --rate, "
                        + "--ami-drop, --time-limit, --margin, --seed, --dir, --two-instances=0.3-0.6)");
            };
        }
        return p;
    }

    private ChaosPlan with(int callbacks, int kills, double perSecond, Duration amiDrop, ChaosModels.Settings settings,
                           Duration lostMargin, long seed, Path directory, double from, double until) {
        return new ChaosPlan(callbacks, kills, perSecond, from, until, amiDropAt, amiDrop, settings, lostMargin, apiShare,
                agentsPerQueue, seed, directory, jvmOptions);
    }
}
