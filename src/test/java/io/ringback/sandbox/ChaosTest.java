package io.ringback.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The short chaos run (docs/sandbox.md): about 100 callbacks through orchestrators started as JVMs of
 * their own on the production class path, three of them killed with {@code kill -9} and started again,
 * a second instance on the same AMI, engine and database for a while, a 10 s AMI drop. No callback is
 * lost, no customer dialed twice. The full run is {@code bench/chaos.sh}.
 */
class ChaosTest {

    @Test
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
