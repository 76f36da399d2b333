package io.ringback.embedded;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded parts started when no real address is configured. Each switches off by itself
 * when its real counterpart is configured ({@code camunda.client.grpc-address},
 * {@code spring.datasource.url}, {@code ringback.ami.host}), or explicitly with {@code enabled=false}.
 */
@ConfigurationProperties("ringback.embedded")
public record EmbeddedProperties(@DefaultValue Zeebe zeebe, @DefaultValue Postgres postgres, @DefaultValue Asterisk asterisk) {

    /**
     * @param enabled start the in-memory Zeebe engine when no {@code camunda.client.grpc-address} is set
     * @param port gRPC port of the in-memory engine (0 = any free port; a taken port falls back to a free one)
     */
    public record Zeebe(Boolean enabled, @DefaultValue("26500") Integer port) {}

    /**
     * @param enabled start an embedded PostgreSQL when no {@code spring.datasource.url} is set
     * @param port port of the embedded PostgreSQL (0 = any free port)
     */
    public record Postgres(Boolean enabled, @DefaultValue("0") Integer port) {}

    /**
     * @param enabled start the simulated Asterisk (AMI over TCP) when no {@code ringback.ami.host} is set
     * @param port AMI port of the simulated Asterisk (0 = any free port; a taken port falls back to a free one)
     * @param demo generate demo traffic: customers who abandon, answer, are busy or never answer
     * @param demoInterval time between two demo abandons
     * @param messageDuration how long an answered callback's message plays before the call joins the queue
     * @param leaveQueueAfter how long a customer who leaves the queue after answering waits in it first
     */
    public record Asterisk(Boolean enabled, @DefaultValue("5038") Integer port, @DefaultValue("true") Boolean demo,
                           @DefaultValue("20s") Duration demoInterval, @DefaultValue("1s") Duration messageDuration,
                           @DefaultValue("9s") Duration leaveQueueAfter) {}
}
