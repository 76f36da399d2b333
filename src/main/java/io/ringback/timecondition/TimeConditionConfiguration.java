package io.ringback.timecondition;

import io.camunda.client.CamundaClient;
import io.ringback.process.CallbackProcess;
import io.ringback.process.DecisionXmlSource;
import io.ringback.process.DeployedDecisions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TimeConditionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TimeConditionConfiguration.class);

    /** The calendar reads the deployed time-condition decision: the one the engine evaluates. */
    @Bean
    TimeConditionCalendar timeConditionCalendar(CamundaClient client, DecisionXmlSource xml) {
        return new TimeConditionCalendar(new DeployedDecisions(client, xml,
                Map.of(CallbackProcess.Decisions.TIME_CONDITION, TimeConditionCalendar.PROBE)));
    }

    /**
     * The first decision evaluated in a JVM takes seconds (the FEEL engine compiles and warms up): asked once
     * in the background as soon as the application is ready, so that the first callback's claim or planning
     * does not wait for it.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp(ApplicationReadyEvent ready) {
        TimeConditionCalendar calendar = ready.getApplicationContext().getBean(TimeConditionCalendar.class);
        Thread.ofPlatform().daemon().name("time-condition-warm-up").start(() -> {
            long started = System.nanoTime();
            try {
                calendar.isOpen("", ZoneOffset.UTC, Instant.now());
                log.debug("Time-condition decision warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException notYet) {
                log.debug("Time-condition decision not warmed up: {}", notYet.toString());
            }
        });
    }
}
