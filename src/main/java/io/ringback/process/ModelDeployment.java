package io.ringback.process;

import io.camunda.client.annotation.Deployment;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;

/**
 * Deploys every model in {@code bpmn/} and {@code dmn/} at start-up. The engine keeps a new
 * version only when a file changed, so restarts do not pile up versions.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "camunda.client.deployment.enabled", havingValue = "true", matchIfMissing = true)
@Deployment(resources = {"classpath*:/bpmn/**/*.bpmn", "classpath*:/dmn/**/*.dmn"})
class ModelDeployment {}
