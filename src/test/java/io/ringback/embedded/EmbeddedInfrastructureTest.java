package io.ringback.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringback.simulator.SimulatedAsterisk;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/** Each embedded part stays off when its real address is configured or it is disabled. */
class EmbeddedInfrastructureTest {

    private static GenericApplicationContext contextWith(MockEnvironment env) {
        env.setActiveProfiles(EmbeddedInfrastructure.PROFILE);
        var context = new GenericApplicationContext();
        context.setEnvironment(env);
        new EmbeddedInfrastructure().initialize(context);
        return context;
    }

    @Test
    void nothingStartsWhenEveryRealAddressIsGiven() {
        var env = new MockEnvironment()
                .withProperty("camunda.client.grpc-address", "http://zeebe:26500")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/ringback")
                .withProperty("ringback.ami.host", "pbx1.example.net");

        try (var context = contextWith(env)) {
            assertThat(context.getBeanFactory().containsSingleton("embeddedZeebeEngine")).isFalse();
            assertThat(context.getBeanFactory().containsSingleton("embeddedPostgres")).isFalse();
            assertThat(context.getBeanFactory().containsSingleton("simulatedAsterisk")).isFalse();
            assertThat(env.getProperty("camunda.client.grpc-address")).isEqualTo("http://zeebe:26500");
            assertThat(env.getProperty("ringback.ami.host")).isEqualTo("pbx1.example.net");
        }
    }

    @Test
    void onlyTheMissingPartStartsAndItsAddressBecomesAProperty() {
        var env = new MockEnvironment()
                .withProperty("camunda.client.grpc-address", "http://zeebe:26500")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/ringback")
                .withProperty("ringback.embedded.asterisk.port", "0");

        try (var context = contextWith(env)) {
            context.refresh();
            SimulatedAsterisk asterisk = context.getBean(SimulatedAsterisk.class);
            assertThat(asterisk.isRunning()).isTrue();
            assertThat(env.getProperty("ringback.ami.host")).isEqualTo("127.0.0.1");
            assertThat(env.getProperty("ringback.ami.port", Integer.class)).isEqualTo(asterisk.port());
            assertThat(context.getBeanFactory().containsSingleton("embeddedZeebeEngine")).isFalse();
            assertThat(context.getBeanFactory().containsSingleton("embeddedPostgres")).isFalse();
            context.close();
            assertThat(asterisk.isRunning()).as("stopped with the context").isFalse();
        }
    }

    @Test
    void withoutTheEmbeddedProfileNothingStartsEvenWithNoAddressAtAll() {
        var env = new MockEnvironment();
        var context = new GenericApplicationContext();
        context.setEnvironment(env);

        new EmbeddedInfrastructure().initialize(context);

        assertThat(context.getBeanFactory().getSingletonNames()).isEmpty();
        assertThat(env.getProperty("spring.datasource.url")).isNull();
        assertThat(env.getProperty("ringback.ami.host")).isNull();
    }

    @Test
    void aPartCanBeSwitchedOffExplicitly() {
        var env = new MockEnvironment()
                .withProperty("camunda.client.grpc-address", "http://zeebe:26500")
                .withProperty("spring.datasource.url", "jdbc:postgresql://db:5432/ringback")
                .withProperty("ringback.embedded.asterisk.enabled", "false");

        try (var context = contextWith(env)) {
            assertThat(context.getBeanFactory().containsSingleton("simulatedAsterisk")).isFalse();
            assertThat(env.getProperty("ringback.ami.host")).isNull();
        }
    }
}
