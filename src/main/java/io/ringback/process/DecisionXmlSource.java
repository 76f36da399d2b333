package io.ringback.process;

/**
 * The DMN XML of a deployed decision requirements graph, by its key. On a Camunda 8 cluster it comes
 * from the orchestration cluster's REST API ({@code GET /v2/decision-requirements/{key}/xml}); the
 * in-memory engine of the embedded mode, which has no REST API, provides its own.
 */
@FunctionalInterface
public interface DecisionXmlSource {

    /** The XML, or an exception when the engine does not know the key (yet: a cluster exports with a delay). */
    byte[] xml(long decisionRequirementsKey);
}
