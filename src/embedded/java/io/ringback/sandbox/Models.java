package io.ringback.sandbox;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every shipped model (the class path's {@code bpmn/*.bpmn} and {@code dmn/*.dmn}), optionally with rows
 * put on top of a decision table (the first matching row wins, so they take precedence for their inputs
 * and leave every shipped row in force for the rest) and extra resources, deployed in one deployment.
 */
public final class Models {

    private final Map<String, String> resources = new LinkedHashMap<>();

    private Models() {}

    public static Models shipped() {
        Models models = new Models();
        try {
            var resolver = new PathMatchingResourcePatternResolver();
            for (String pattern : new String[] {"classpath*:/bpmn/*.bpmn", "classpath*:/dmn/*.dmn"}) {
                for (Resource resource : resolver.getResources(pattern)) {
                    models.resources.put(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the models failed", e);
        }
        if (models.resources.isEmpty()) {
            throw new IllegalStateException("no models on the class path (bpmn/, dmn/)");
        }
        return models;
    }

    /** Puts {@code rules} (one or more {@code <rule>} elements) before the first rule of the decision in {@code file}. */
    public Models withFirstRules(String file, String rules) {
        String xml = resources.get(file);
        if (xml == null) {
            throw new IllegalArgumentException("no model " + file);
        }
        int at = xml.indexOf("<rule ");
        if (at < 0) {
            throw new IllegalStateException(file + " has a decision table without rules");
        }
        resources.put(file, xml.substring(0, at) + rules + "\n      " + xml.substring(at));
        return this;
    }

    public Models with(String file, String xml) {
        resources.put(file, xml);
        return this;
    }

    public void deploy(CamundaClient client) {
        DeployResourceCommandStep1 deploy = client.newDeployResourceCommand();
        DeployResourceCommandStep2 command = null;
        for (var entry : resources.entrySet()) {
            command = (command == null ? deploy : command).addResourceString(entry.getValue(), StandardCharsets.UTF_8,
                    entry.getKey());
        }
        // a fresh engine on a busy machine takes longer than the default 10 s to deploy every model
        command.requestTimeout(java.time.Duration.ofMinutes(2)).send().join();
    }

    /** A client of the sandbox's engine over gRPC, as the orchestrator connects to it. */
    public static CamundaClient client(Sandbox sandbox) {
        String address = "http://" + sandbox.engine().getGatewayAddress();
        return CamundaClient.newClientBuilder().grpcAddress(java.net.URI.create(address))
                .restAddress(java.net.URI.create(address)).preferRestOverGrpc(false).build();
    }
}
