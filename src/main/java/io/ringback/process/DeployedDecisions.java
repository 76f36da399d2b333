package io.ringback.process;

import io.camunda.client.CamundaClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The decisions the engine evaluates now, for evaluating them locally (many times, without writing
 * to the engine's log). Which version is current is asked of the engine with one evaluation of the
 * decision (the engine evaluates the latest deployed version, exactly as its business rule tasks
 * do); its XML is fetched once per version through a {@link DecisionXmlSource} and kept. So a
 * decision an analyst deploys from Camunda Modeler is used here from the next question on.
 */
public class DeployedDecisions implements DecisionSource {

    private static final Logger log = LoggerFactory.getLogger(DeployedDecisions.class);

    private final CamundaClient client;
    private final DecisionXmlSource xml;
    private final Map<String, Map<String, Object>> probes;
    private final Map<Long, Decision> byKey = new ConcurrentHashMap<>();

    /**
     * @param probes per decision id, inputs that evaluate without error (the result does not matter:
     *     only which version answered)
     */
    public DeployedDecisions(CamundaClient client, DecisionXmlSource xml, Map<String, Map<String, Object>> probes) {
        this.client = client;
        this.xml = xml;
        this.probes = probes;
    }

    @Override
    public Decision current(String decisionId) {
        var response = client.newEvaluateDecisionCommand().decisionId(decisionId)
                .variables(probes.getOrDefault(decisionId, Map.of())).send().join();
        long key = response.getDecisionRequirementsKey();
        return byKey.computeIfAbsent(key, k -> {
            String version = decisionId + " version " + response.getDecisionVersion();
            log.info("Loaded decision {} (decision requirements key {})", version, k);
            return DecisionSource.parse(xml.xml(k), version);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Defaults {

        /** A cluster's REST API; the embedded mode registers its own source before this is considered. */
        @Bean
        @ConditionalOnMissingBean
        DecisionXmlSource restDecisionXmlSource(CamundaClient client) {
            return key -> client.newDecisionRequirementsGetXmlRequest(key).send().join().getBytes(StandardCharsets.UTF_8);
        }
    }
}
