package io.ringback.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model lint gate of docs/modeling.md: the linters that {@code mvn verify} runs over {@code bpmn/},
 * {@code dmn/} and {@code element-templates/} reject a deliberately broken model (in
 * {@code src/test/resources/lint/}) with the rule's message, and accept the shipped ones.
 *
 * <p>It runs them exactly as the gate does, from the project directory with the project's
 * {@code .bpmnlintrc} / {@code .dmnlintrc}, out of {@code node_modules/}, which the build's
 * {@code npm ci} (exec-maven-plugin, phase process-test-classes) installs before the tests run.
 */
class ModelLintTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final String LINT = "src/test/resources/lint/";

    @BeforeAll
    static void lintersAreInstalled() {
        // without npm the gate is skipped outside CI (build-tools/lint-models.sh); in CI it must have run
        Assumptions.assumeTrue(System.getenv("CI") != null || PROJECT.resolve("node_modules/bpmnlint").toFile().isDirectory(),
                "npm is not installed here: the lint gate and its tests are skipped (CI always runs them)");
        assertThat(PROJECT.resolve("node_modules/bpmnlint")).as(
                "node_modules/ holds the linters: run `npm ci` (mvn verify does it before the tests)")
                .isDirectory();
    }

    @Test
    void serviceTaskWithoutJobTypeFailsTheBpmnGate() {
        Run run = npx("bpmnlint", "--config", ".bpmnlintrc", LINT + "service-task-without-job-type.bpmn");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains("Task_Broken")
                .contains("Element of type <bpmn:ServiceTask> must have one extension element of type <zeebe:TaskDefinition>")
                .contains("1 problem (1 error, 0 warnings)");
    }

    @Test
    void elementCamunda88CannotRunFailsTheBpmnGate() {
        Run run = npx("bpmnlint", "--config", ".bpmnlintrc", LINT + "unsupported-element.bpmn");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains("Event_WaitForCondition")
                .contains("with event definition of type <bpmn:ConditionalEventDefinition> only allowed by Camunda 8.9 or newer")
                .contains("1 problem (1 error, 0 warnings)");
    }

    @Test
    void callbackProcessPassesTheBpmnGate() {
        Run run = npx("bpmnlint", "--config", ".bpmnlintrc", "bpmn/abandoned-call-callback.bpmn");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain("problem");
    }

    @Test
    void decisionWithoutNameFailsTheDmnGate() {
        Run run = npx("dmnlint", "--config", ".dmnlintrc", LINT + "decision-without-name.dmn");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains("Decision_Unnamed")
                .contains("Element is missing label/name")
                .contains("label-required");
    }

    @Test
    void shippedDecisionsPassTheDmnGate() throws IOException {
        List<String> args = new ArrayList<>(List.of("dmnlint", "--config", ".dmnlintrc"));
        try (var files = Files.list(PROJECT.resolve("dmn"))) {
            files.filter(f -> f.toString().endsWith(".dmn")).map(f -> "dmn/" + f.getFileName()).sorted().forEach(args::add);
        }
        assertThat(args).hasSizeGreaterThan(3);

        Run run = npx(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).doesNotContain("problem");
    }

    @Test
    void brokenElementTemplateFailsTheTemplateGate() {
        Run run = node(LINT + "validate-element-templates.mjs", LINT + "broken-element-template.json");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains("io.ringback.lint-broken")
                .contains("must provide choices=[] with \"Dropdown\" type");
    }

    @Test
    void shippedElementTemplatesPassTheTemplateGate() {
        Run run = node(LINT + "validate-element-templates.mjs");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("valid against the Zeebe element templates schema");
    }

    record Run(int exitCode, String output) {}

    /**
     * {@code npx --no -- <linter> <args>}: only what node_modules/ has, never a download; {@code --} keeps
     * npx from taking the linter's {@code --config} for its own.
     */
    private static Run npx(String... args) {
        List<String> command = new ArrayList<>(List.of(windows() ? "npx.cmd" : "npx", "--no", "--"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Run node(String... args) {
        List<String> command = new ArrayList<>(List.of(windows() ? "node.exe" : "node"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static Run run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true);
        builder.environment().put("NO_COLOR", "1");
        builder.environment().put("FORCE_COLOR", "0");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes:\n" + output);
            }
            // no colours asked for, but strip any escape sequences so that messages match as text
            return new Run(process.exitValue(), output.replaceAll("\u001B\\[[;\\d]*m", ""));
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + String.join(" ", command) + " (are Node and npm on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean windows() {
        return System.getProperty("os.name").toLowerCase().startsWith("windows");
    }
}
