package io.ringback.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Dockerfile of the orchestrator and its build context (.dockerignore). */
class DockerfileTest {

    private final Stack stack = Stack.load();
    private final Dockerfile dockerfile = Dockerfile.parse(stack.read("Dockerfile"));

    /** Instructions with their arguments, line continuations joined, grouped into stages. */
    record Instruction(String keyword, String arguments) {}

    record BuildStage(String image, String name, List<Instruction> instructions) {
        List<String> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }
    }

    record Dockerfile(Map<String, String> globalArgs, List<BuildStage> stages) {
        static Dockerfile parse(String text) {
            String joined = text.replaceAll("\\\\\\R", " ");
            Map<String, String> args = new LinkedHashMap<>();
            List<BuildStage> stages = new ArrayList<>();
            for (String raw : joined.split("\\R")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+", 2);
                String keyword = parts[0].toUpperCase();
                String arguments = parts.length > 1 ? parts[1].strip() : "";
                if (keyword.equals("FROM")) {
                    String[] from = arguments.split("\\s+");
                    String name = from.length >= 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
                    stages.add(new BuildStage(from[0], name, new ArrayList<>()));
                } else if (stages.isEmpty()) {
                    if (keyword.equals("ARG")) {
                        String[] arg = arguments.split("=", 2);
                        args.put(arg[0], arg.length > 1 ? arg[1] : null);
                    }
                } else {
                    stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, arguments));
                }
            }
            return new Dockerfile(args, stages);
        }

        /** A FROM image with the global ARG defaults filled in. */
        String resolve(String image) {
            Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(image);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(globalArgs.getOrDefault(m.group(1), "")));
            }
            m.appendTail(out);
            return out.toString();
        }

        BuildStage last() {
            return stages.get(stages.size() - 1);
        }
    }

    @Test
    void theBuildStagePackagesTheApplicationWithMavenOnTemurin21() {
        BuildStage build = dockerfile.stages().get(0);

        assertThat(dockerfile.stages()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(dockerfile.resolve(build.image())).startsWith("maven:").contains("eclipse-temurin-21");
        assertThat(build.all("RUN")).anySatisfy(run -> assertThat(run)
                .contains("mvn -B").contains("-DskipTests").containsPattern("\\bpackage\\b"));
        assertThat(build.all("COPY")).anySatisfy(copy -> assertThat(copy).startsWith("pom.xml"));
    }

    @Test
    void theBuildStageCopiesTheModelsThePomPacksIntoTheJar() {
        String pom = stack.read("pom.xml");
        List<String> copied = dockerfile.stages().get(0).all("COPY").stream().map(c -> c.split("\\s+")[0]).toList();

        for (String models : List.of("bpmn", "dmn")) {
            assertThat(pom).contains("<directory>" + models + "</directory>");
            assertThat(copied).contains(models);
        }
        assertThat(copied).contains("pom.xml", "src");
    }

    @Test
    void theBuildStageSkipsTheModelLintGateOfThePomBecauseNeitherNodeNorItsScriptIsInTheImage() {
        // pom.xml runs the model linters (Node) through exec-maven-plugin before the tests, even with -DskipTests
        boolean execPlugin = stack.read("pom.xml").contains("<artifactId>exec-maven-plugin</artifactId>");
        String mvn = dockerfile.stages().get(0).all("RUN").stream().filter(r -> r.contains("mvn ")).findFirst().orElseThrow();

        if (execPlugin) {
            assertThat(mvn).contains("-Dexec.skip=true");
        }
        assertThat(dockerfile.resolve(dockerfile.stages().get(0).image())).doesNotContain("node");
    }

    @Test
    void theRuntimeStageRunsTheJarOnAJreAsANonRootUser() {
        BuildStage runtime = dockerfile.last();
        List<String> users = runtime.all("USER");

        assertThat(dockerfile.resolve(runtime.image())).startsWith("eclipse-temurin:21").contains("-jre");
        assertThat(runtime.all("COPY")).anySatisfy(copy ->
                assertThat(copy).startsWith("--from=" + dockerfile.stages().get(0).name()).contains(".jar"));
        assertThat(users).isNotEmpty();
        assertThat(users.get(users.size() - 1).split(":")[0]).isNotIn("root", "0");
        assertThat(runtime.all("ENTRYPOINT")).singleElement().satisfies(entrypoint ->
                assertThat(entrypoint).startsWith("[\"java\"").contains("\"-jar\""));
    }

    @Test
    void theDockerfileDefaultsAreTheBaseImagesComposeBuildsWith() {
        @SuppressWarnings("unchecked")
        Map<String, Object> build = (Map<String, Object>) stack.service("ringback").get("build");
        @SuppressWarnings("unchecked")
        Map<String, String> args = (Map<String, String>) build.get("args");

        assertThat(dockerfile.globalArgs()).containsKeys("MAVEN_IMAGE", "JRE_IMAGE");
        dockerfile.globalArgs().forEach((name, defaultValue) -> {
            assertThat(stack.interpolate(args.get(name))).as(name).isEqualTo(stack.dotEnv.get(name));
            assertThat(defaultValue).as("default of ARG " + name).isEqualTo(stack.dotEnv.get(name));
        });
    }

    @Test
    void theBuildContextHoldsWhatTheBuildCopiesButNeitherSecretsNorOldBuilds() {
        List<String> rules = stack.read(".dockerignore").lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        for (String needed : List.of("pom.xml", "src/main/java/io/ringback/RingbackApplication.java",
                "bpmn/abandoned-call-callback.bpmn", "bpmn/call-customer.bpmn", "dmn/dial-policy.dmn",
                "dmn/abandoned-call-rules.dmn")) {
            assertThat(ignored(rules, needed)).as(needed).isFalse();
        }
        for (String kept : List.of(".env", "target/ringback-0.1.0-SNAPSHOT.jar", ".git/config", "node_modules/x/package.json")) {
            assertThat(ignored(rules, kept)).as(kept).isTrue();
        }
    }

    /**
     * .dockerignore semantics for the patterns used here: a pattern matches a path or one of its
     * parent directories, * does not cross /, the last matching pattern wins, ! re-includes.
     */
    private static boolean ignored(List<String> rules, String path) {
        boolean ignored = false;
        for (String rule : rules) {
            boolean include = rule.startsWith("!");
            String pattern = include ? rule.substring(1) : rule;
            String regex = Pattern.quote(pattern).replace("*", "\\E[^/]*\\Q");
            String[] segments = path.split("/");
            for (int i = 1; i <= segments.length; i++) {
                if (String.join("/", List.of(segments).subList(0, i)).matches(regex)) {
                    ignored = !include;
                    break;
                }
            }
        }
        return ignored;
    }
}
