package io.ringback.support;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Fails fast when an address of the infrastructure is missing: the engine, PostgreSQL and Asterisk
 * must be configured (or started by the embedded mode, whose initializer runs before this one).
 * Without this check a mistyped property would silently leave the application without a database
 * or an engine; the embedded parts never start by accident, since they start only with the Spring
 * profile {@code embedded} and are not even in the production jar.
 */
public class RequiredInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    /** A missing part: the property that configures it and what it is. */
    public record Requirement(String property, String part, String example, String... alternatives) {}

    static final List<Requirement> REQUIRED = List.of(
            new Requirement("camunda.client.grpc-address", "the Zeebe gateway (Camunda 8)", "http://zeebe:26500",
                    "camunda.client.cloud.cluster-id"),
            new Requirement("spring.datasource.url", "PostgreSQL", "jdbc:postgresql://db:5432/ringback"),
            new Requirement("ringback.ami.host", "the Asterisk Manager Interface", "pbx1.example.net"));

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        List<Requirement> missing = missing(context.getEnvironment());
        if (!missing.isEmpty()) {
            throw new MissingInfrastructureException(missing,
                    context.getEnvironment().matchesProfiles("embedded"));
        }
    }

    /** The requirements this environment does not meet, in the order of {@link #REQUIRED}. */
    public static List<Requirement> missing(ConfigurableEnvironment env) {
        List<Requirement> missing = new ArrayList<>();
        for (Requirement requirement : REQUIRED) {
            boolean configured = isSet(env, requirement.property());
            for (String alternative : requirement.alternatives()) {
                configured |= isSet(env, alternative);
            }
            if (!configured) {
                missing.add(requirement);
            }
        }
        return missing;
    }

    private static boolean isSet(ConfigurableEnvironment env, String property) {
        String value = env.getProperty(property);
        return value != null && !value.isBlank();
    }

    /** After the embedded mode has put its addresses in place. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Names every missing property; {@link MissingInfrastructureFailureAnalyzer} prints it. */
    public static class MissingInfrastructureException extends IllegalStateException {

        private final transient List<Requirement> missing;
        private final boolean embeddedProfile;

        MissingInfrastructureException(List<Requirement> missing, boolean embeddedProfile) {
            super("Missing infrastructure addresses: " + missing.stream().map(Requirement::property).toList());
            this.missing = List.copyOf(missing);
            this.embeddedProfile = embeddedProfile;
        }

        List<Requirement> missing() {
            return missing;
        }

        boolean embeddedProfile() {
            return embeddedProfile;
        }
    }
}
