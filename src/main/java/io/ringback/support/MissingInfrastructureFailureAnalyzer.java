package io.ringback.support;

import io.ringback.support.RequiredInfrastructure.MissingInfrastructureException;
import io.ringback.support.RequiredInfrastructure.Requirement;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link MissingInfrastructureException} into Spring Boot's "APPLICATION FAILED TO START" report. */
class MissingInfrastructureFailureAnalyzer extends AbstractFailureAnalyzer<MissingInfrastructureException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingInfrastructureException cause) {
        String description = "Ringback needs the address of each part of its infrastructure and a way for its "
                + "users to log in; these are not set:\n"
                + cause.missing().stream()
                        .map(r -> "  - " + r.property() + " (" + r.part() + ", e.g. " + r.example() + ")"
                                + (r.alternatives().length == 0 ? "" : " or " + String.join(", ", r.alternatives())))
                        .collect(Collectors.joining("\n"));
        String action = cause.embeddedProfile()
                ? "The profile 'embedded' is active, but the embedded parts are not on the class path: they are "
                        + "not in the production jar. Run the embedded mode with `mvn spring-boot:run`, or set the "
                        + "properties above (docs/configuration.md)."
                : "Set the properties above (command line, application.yml or environment variables such as "
                        + "SPRING_DATASOURCE_URL; see docs/configuration.md, and docs/security.md for users and "
                        + "identity providers), or try the product on its embedded defaults with `mvn spring-boot:run`.";
        return new FailureAnalysis(description, action, cause);
    }
}
