package io.ringback.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringback.callback.CallbackStatus;
import io.ringback.process.CallbackProcess;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Camunda Modeler element templates in {@code element-templates/} match the job workers: one
 * template per job type of {@link CallbackProcess.JobTypes}, none for a job type without a worker,
 * and a template for every job type the callback process uses. Their structure is checked against
 * the JSON schema by the lint gate ({@link ModelLintTest}); this test checks what they mean.
 */
class ElementTemplatesTest {

    static final String ZEEBE_SCHEMA = "https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json";
    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String ZEEBE = "http://camunda.org/schema/zeebe/1.0";

    record Template(String file, JsonNode json) {

        String id() {
            return json.path("id").asText();
        }

        /** The value of the property bound to {@code zeebe:taskDefinition} {@code type}, or null. */
        String jobType() {
            return properties().stream()
                    .filter(p -> "zeebe:taskDefinition".equals(p.path("binding").path("type").asText())
                            && "type".equals(p.path("binding").path("property").asText()))
                    .map(p -> p.path("value").asText(null))
                    .findFirst().orElse(null);
        }

        List<JsonNode> properties() {
            return StreamSupport.stream(json.path("properties").spliterator(), false).toList();
        }

        JsonNode input(String name) {
            return properties().stream()
                    .filter(p -> "zeebe:input".equals(p.path("binding").path("type").asText())
                            && name.equals(p.path("binding").path("name").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError(id() + " has no input " + name));
        }
    }

    static List<Template> templates;

    @BeforeAll
    static void readTemplates() throws IOException {
        ObjectMapper json = new ObjectMapper();
        templates = new ArrayList<>();
        try (var files = Files.list(Path.of("element-templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = json.readTree(file.toFile());
                for (JsonNode template : root.isArray() ? root : List.of(root)) {
                    templates.add(new Template(file.getFileName().toString(), template));
                }
            }
        }
        assertThat(templates).as("element templates in element-templates/").isNotEmpty();
    }

    /** The constants of {@link CallbackProcess.JobTypes}, read by reflection so that a new one is never missed. */
    static Set<String> jobTypes() {
        return Arrays.stream(CallbackProcess.JobTypes.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(ElementTemplatesTest::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String valueOf(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new AssertionError(field + " is not readable", e);
        }
    }

    static Map<String, List<Template>> templatesByJobType() {
        Map<String, List<Template>> byType = new LinkedHashMap<>();
        templates.forEach(t -> byType.computeIfAbsent(t.jobType(), k -> new ArrayList<>()).add(t));
        return byType;
    }

    @Test
    void everyJobTypeHasExactlyOneTemplate() {
        Map<String, List<Template>> byType = templatesByJobType();

        assertThat(jobTypes()).isNotEmpty().allSatisfy(type -> assertThat(byType.get(type))
                .as("templates for job type %s", type).hasSize(1));
    }

    @Test
    void everyTemplateIsForARealJobType() {
        assertThat(templates).allSatisfy(t -> assertThat(t.jobType())
                .as("job type of %s in %s", t.id(), t.file()).isIn(jobTypes()));
    }

    @Test
    void templatesAreCamunda8ServiceTaskTemplatesWithStableIds() {
        assertThat(templates).allSatisfy(t -> {
            JsonNode json = t.json();
            assertThat(json.path("$schema").asText()).as("$schema of %s", t.file()).isEqualTo(ZEEBE_SCHEMA);
            assertThat(t.id()).as("id in %s", t.file()).isEqualTo("io.ringback." + t.jobType());
            assertThat(t.file()).isEqualTo(t.jobType() + ".json");
            assertThat(json.path("version").isInt()).as("integer version of %s", t.id()).isTrue();
            assertThat(json.path("name").asText()).as("name of %s", t.id()).isNotBlank();
            assertThat(json.path("description").asText()).as("description of %s", t.id()).contains("Reads").contains("Sets");
            assertThat(json.path("appliesTo").toString()).as("appliesTo of %s", t.id()).isEqualTo("[\"bpmn:Task\"]");
            assertThat(json.path("elementType").path("value").asText()).isEqualTo("bpmn:ServiceTask");
            // the analyst picks the template; the job type itself is not editable
            JsonNode jobType = t.properties().stream()
                    .filter(p -> "type".equals(p.path("binding").path("property").asText())).findFirst().orElseThrow();
            assertThat(jobType.path("type").asText()).as("job type property of %s", t.id()).isEqualTo("Hidden");
            assertThat(t.properties()).as("retries of %s", t.id()).anySatisfy(p -> {
                assertThat(p.path("binding").path("type").asText()).isEqualTo("zeebe:taskDefinition");
                assertThat(p.path("binding").path("property").asText()).isEqualTo("retries");
            });
        });
    }

    @Test
    void endStateChoicesAreTheCallbackEndStates() {
        Template recordEnd = templatesByJobType().get(CallbackProcess.JobTypes.RECORD_CALLBACK_END).get(0);
        JsonNode endState = recordEnd.input("endState");

        assertThat(endState.path("type").asText()).isEqualTo("Dropdown");
        List<String> choices = StreamSupport.stream(endState.path("choices").spliterator(), false)
                .map(c -> c.path("value").asText()).toList();
        assertThat(choices).containsExactlyInAnyOrderElementsOf(Arrays.stream(CallbackStatus.values())
                .filter(CallbackStatus::isEnd)
                .filter(s -> s != CallbackStatus.ORPHANED) // closed by the application when an instance is gone
                .map(Enum::name).toList());
    }

    @Test
    void everyServiceTaskOfEveryProcessUsesAJobTypeWithATemplate() throws Exception {
        Map<String, String> jobTypeByTask = new LinkedHashMap<>();
        try (var models = java.nio.file.Files.list(Path.of("bpmn"))) {
            for (Path bpmn : models.filter(m -> m.toString().endsWith(".bpmn")).toList()) {
                serviceTaskJobTypes(bpmn).forEach((task, type) -> jobTypeByTask.put(bpmn.getFileName() + "#" + task, type));
            }
        }

        assertThat(jobTypeByTask).isNotEmpty();
        assertThat(jobTypeByTask).allSatisfy((task, type) -> assertThat(type)
                .as("job type of %s", task).isIn(templatesByJobType().keySet()));
    }

    /** Service task id to its {@code zeebe:taskDefinition} type (null when it has none). */
    static Map<String, String> serviceTaskJobTypes(Path bpmn) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(bpmn.toFile());
        Map<String, String> result = new LinkedHashMap<>();
        NodeList tasks = document.getElementsByTagNameNS(BPMN, "serviceTask");
        for (int i = 0; i < tasks.getLength(); i++) {
            Element task = (Element) tasks.item(i);
            NodeList definitions = task.getElementsByTagNameNS(ZEEBE, "taskDefinition");
            result.put(task.getAttribute("id"),
                    definitions.getLength() == 0 ? null : ((Element) definitions.item(0)).getAttribute("type"));
        }
        return result;
    }
}
