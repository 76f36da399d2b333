package io.ringback.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
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
 *
 * <p>So must a way to log in: configured users ({@code ringback.security.users.<name>.password}) or
 * an OAuth2/OIDC issuer whose JWTs the API accepts. Without either nobody could use the API, and the
 * start would look fine until the first request (docs/security.md; the embedded mode has demo users).
 */
public class RequiredInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    /**
     * A missing part: the property that configures it and what it is. A property with a
     * {@value #ANY_NAME} segment is met by any name there ({@code ringback.security.users.admin.password}).
     */
    public record Requirement(String property, String part, String example, String... alternatives) {}

    /** The segment of a requirement's property that stands for any name (a key of a map property). */
    static final String ANY_NAME = "<name>";

    static final List<Requirement> REQUIRED = List.of(
            new Requirement("camunda.client.grpc-address", "the Zeebe gateway (Camunda 8)", "http://zeebe:26500",
                    "camunda.client.cloud.cluster-id"),
            new Requirement("spring.datasource.url", "PostgreSQL", "jdbc:postgresql://db:5432/ringback"),
            new Requirement("ringback.ami.host", "the Asterisk Manager Interface", "pbx1.example.net"),
            new Requirement("ringback.security.users." + ANY_NAME + ".password",
                    "the users who may log in, each with its .permissions; or an OAuth2/OIDC issuer of JWTs",
                    "ringback.security.users.admin.password={bcrypt}$2a$10$...",
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                    "spring.security.oauth2.resourceserver.jwt.public-key-location"));

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
        int any = property.indexOf("." + ANY_NAME + ".");
        if (any >= 0) {
            return anyNameIsSet(env, property.substring(0, any), property.substring(any + ANY_NAME.length() + 2));
        }
        String value = env.getProperty(property);
        return value != null && !value.isBlank();
    }

    /** Whether {@code prefix.<some name>.suffix} is set, in any property source and any form (environment variables too). */
    private static boolean anyNameIsSet(ConfigurableEnvironment env, String prefix, String suffix) {
        Map<String, String> entries = Binder.get(env)
                .bind(prefix, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        return entries.entrySet().stream().anyMatch(entry -> entry.getKey().endsWith("." + suffix)
                && entry.getValue() != null && !entry.getValue().isBlank());
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
