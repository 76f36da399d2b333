package io.ringback.simulator;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the delayed steps of simulated calls (ringing, talking) on one scheduler thread, so that no
 * AMI reader thread ever waits for a call. Steps left after {@link #close()} are dropped.
 */
final class Timeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Timeline.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ami-simulator-timeline").daemon().factory());

    void after(Duration delay, Runnable step) {
        try {
            executor.schedule(() -> run(step), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Simulator stopped; dropping a scheduled call step");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.error("A simulated call step failed", e);
        }
    }
}
