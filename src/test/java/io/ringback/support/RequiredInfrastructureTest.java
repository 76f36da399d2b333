package io.ringback.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringback.RingbackApplication;
import io.ringback.support.RequiredInfrastructure.MissingInfrastructureException;
import io.ringback.support.RequiredInfrastructure.Requirement;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Without the embedded profile and without real addresses the application refuses to start and
 * names every missing property: a mistyped address never silently starts something else.
 */
class RequiredInfrastructureTest {

    private static SpringApplicationBuilder application(String... properties) {
        return new SpringApplicationBuilder(RingbackApplication.class)
                .properties("spring.main.banner-mode=off", "server.port=0")
                .properties(properties);
    }

    @Test
    void withoutAddressesAndWithoutTheEmbeddedProfileTheApplicationFailsNamingEachMissingProperty() {
        assertThatThrownBy(() -> application().run())
                .isInstanceOf(MissingInfrastructureException.class)
                .satisfies(e -> assertThat(((MissingInfrastructureException) e).missing())
                        .extracting(Requirement::property)
                        .containsExactly("camunda.client.grpc-address", "spring.datasource.url", "ringback.ami.host"));
    }

    @Test
    void aMistypedPropertyLeavesItsPartMissing() {
        assertThatThrownBy(() -> application(
                "camunda.client.grpc-address=http://zeebe:26500",
                "spring.datasource.uri=jdbc:postgresql://db:5432/ringback", // typo: uri
                "ringback.ami.host=pbx1.example.net").run())
                .isInstanceOf(MissingInfrastructureException.class)
                .satisfies(e -> assertThat(((MissingInfrastructureException) e).missing())
                        .extracting(Requirement::property).containsExactly("spring.datasource.url"));
    }

    @Test
    void theFailureReportNamesThePropertyAndTheWayToTheEmbeddedMode() {
        var missing = new MissingInfrastructureException(RequiredInfrastructure.REQUIRED.subList(2, 3), false);

        FailureAnalysis analysis = new MissingInfrastructureFailureAnalyzer().analyze(missing);

        assertThat(analysis.getDescription()).contains("ringback.ami.host", "the Asterisk Manager Interface");
        assertThat(analysis.getAction()).contains("mvn spring-boot:run");
    }

    @Test
    void theEmbeddedProfileOutsideTheDevelopmentClassPathSaysSo() {
        var missing = new MissingInfrastructureException(RequiredInfrastructure.REQUIRED, true);

        assertThat(new MissingInfrastructureFailureAnalyzer().analyze(missing).getAction())
                .contains("not in the production jar");
    }
}
