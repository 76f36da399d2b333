package io.ringback.embedded;

import io.ringback.simulator.CustomerBehaviour;
import io.ringback.simulator.SimulatedAsterisk;
import io.ringback.support.PhoneNumbers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Demo traffic on the simulated Asterisk: a cast of customers who abandon the demo queues in turn
 * and then answer, are busy, never answer, hang up too soon or call in again. Only runs with the
 * simulated Asterisk and {@code ringback.embedded.asterisk.demo=true}.
 */
@Component
@ConditionalOnBean(SimulatedAsterisk.class)
@ConditionalOnProperty(name = "ringback.embedded.asterisk.demo", havingValue = "true", matchIfMissing = true)
class DemoTraffic implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

    record Customer(String name, String number, String queue, int holdSeconds, String story,
                    CustomerBehaviour... behaviours) {}

    static final List<Customer> CAST = List.of(
            new Customer("Ana Souza", "+55 11 91234-0001", "support", 42, "answers the first call",
                    CustomerBehaviour.ANSWER),
            new Customer("Bruno Lima", "+55 11 91234-0002", "support", 30, "is busy, then answers the retry",
                    CustomerBehaviour.BUSY, CustomerBehaviour.ANSWER),
            new Customer("Carla Dias", "+55 11 91234-0003", "support", 65, "never answers: attempts run out",
                    CustomerBehaviour.NO_ANSWER),
            new Customer("Diego Alves", "+55 11 91234-0004", "support", 18, "congestion, no answer, then answers",
                    CustomerBehaviour.CONGESTION, CustomerBehaviour.NO_ANSWER, CustomerBehaviour.ANSWER),
            new Customer("Elisa Rocha", "+55 11 91234-0005", "support", 2, "hung up too soon: not called back",
                    CustomerBehaviour.ANSWER),
            new Customer("Fabio Reis", "+55 11 91234-0006", "sales", 25, "calls in again and is served",
                    CustomerBehaviour.NO_ANSWER),
            new Customer("Gabi Nunes", "+55 11 91234-0007", "billing", 50, "queue with callbacks switched off",
                    CustomerBehaviour.ANSWER),
            new Customer("Hugo Melo", "+55 11 91234-0008", "support", 35,
                    "answers, hangs up in the queue before an agent takes the call, answers the retry",
                    CustomerBehaviour.ANSWER_THEN_LEAVE_QUEUE, CustomerBehaviour.ANSWER));

    private final SimulatedAsterisk asterisk;
    private final PhoneNumbers phones;
    private final Duration interval;
    private final AtomicInteger next = new AtomicInteger();
    private ScheduledExecutorService scheduler;

    DemoTraffic(SimulatedAsterisk asterisk, PhoneNumbers phones, EmbeddedProperties properties) {
        this.asterisk = asterisk;
        this.phones = phones;
        this.interval = properties.asterisk().demoInterval();
    }

    @Override
    public void start() {
        for (Customer c : CAST) {
            asterisk.setBehaviour(PhoneNumbers.digits(phones.normalise(c.number()).orElseThrow()), c.behaviours());
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("demo-traffic").daemon().unstarted(r));
        scheduler.scheduleWithFixedDelay(this::nextAbandon, 3_000, interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Demo traffic: a customer abandons a queue of the simulated Asterisk every {}", interval);
    }

    private void nextAbandon() {
        try {
            Customer c = CAST.get(next.getAndIncrement() % CAST.size());
            log.info("Demo: {} ({}) abandons queue {} after {} s - {}", c.name(), phones.mask(phones.normalise(c.number()).orElseThrow()),
                    c.queue(), c.holdSeconds(), c.story());
            asterisk.abandon(c.queue(), c.number(), c.name(), c.holdSeconds());
            if (c.story().startsWith("calls in again")) {
                scheduler.schedule(() -> {
                    log.info("Demo: {} calls queue {} again and an agent answers", c.name(), c.queue());
                    asterisk.inboundServed(c.queue(), c.number(), c.name());
                }, interval.toMillis() / 2, TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException e) {
            log.warn("Demo traffic: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }

    /** After the AMI connection is up. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 50;
    }
}
