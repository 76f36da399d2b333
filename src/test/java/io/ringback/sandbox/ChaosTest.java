package io.ringback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The short chaos run (docs/sandbox.md): about 100 callbacks through orchestrators started as JVMs of
 * their own on the production class path, three of them killed with {@code kill -9} and started again,
 * a second instance on the same AMI, engine and database for a while, a 10 s AMI drop. No callback is
 * lost, no customer dialed twice. The full run is {@code bench/chaos.sh}.
 *
 * <p>Bounded: the traffic takes 50 s, every callback ends within its 90 s time limit plus the 90 s margin
 * after the last abandon (the run stops waiting then and counts the rest as lost); about 2 minutes on an
 * idle 2-core machine. The timeout interrupts the run, which then kills its orchestrators and stops the sandbox.
 */
class ChaosTest {

    @Test
    @Timeout(value = 7, unit = TimeUnit.MINUTES)
    void noCallbackIsLostAndNoCustomerDialedTwiceWhileOrchestratorsAreKilled() throws Exception {
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        ChaosPlan plan = ChaosPlan.quick(Path.of("target", "chaos-test"), seed);

        ChaosRun.Result result = new ChaosRun(plan).run();

        System.out.println(result.details());
        System.out.println(result.line());
        assertThat(result.kills()).isGreaterThanOrEqualTo(3);
        assertThat(result.verdict().callbacks()).isGreaterThanOrEqualTo(90);
        assertThat(result.verdict().lost()).as("lost callbacks (seed %d): %s", seed, result.verdict().findings()).isZero();
        assertThat(result.verdict().doubleDials()).as("double dials (seed %d): %s", seed, result.verdict().findings())
                .isZero();
        assertThat(result.verdict().ended()).isEqualTo(result.verdict().callbacks());
    }
}
