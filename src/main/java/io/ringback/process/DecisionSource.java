package io.ringback.process;

import io.camunda.zeebe.dmn.DecisionEngine;
import io.camunda.zeebe.dmn.DecisionEngineFactory;
import io.camunda.zeebe.dmn.ParsedDecisionRequirementsGraph;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.core.io.Resource;

/**
 * Where the application gets a decision to evaluate it locally with the engine's own DMN
 * implementation (zeebe-dmn): {@link DeployedDecisions} gives the version the engine evaluates
 * right now; {@link #of(Resource)} a fixed file (tests, offline tools).
 */
public interface DecisionSource {

    /** A parsed decision requirements graph and the version it is, for messages. */
    record Decision(ParsedDecisionRequirementsGraph graph, String version) {}

    /** The current decision requirements graph that contains {@code decisionId}. */
    Decision current(String decisionId);

    /**
     * The engine's DMN implementation, for parsing. Not for evaluating from several threads: it writes
     * each result into buffers it keeps (an evaluating class has an engine per thread, as
     * {@code TimeConditionCalendar}).
     */
    DecisionEngine ENGINE = DecisionEngineFactory.createDecisionEngine();

    static Decision parse(byte[] xml, String version) {
        ParsedDecisionRequirementsGraph graph = ENGINE.parse(new ByteArrayInputStream(xml));
        if (!graph.isValid()) {
            throw new IllegalStateException("the decision " + version + " cannot be parsed: " + graph.getFailureMessage());
        }
        return new Decision(graph, version);
    }

    /** Always the decision of this file. */
    static DecisionSource of(Resource dmn) {
        Decision decision;
        try (InputStream in = dmn.getInputStream()) {
            decision = parse(in.readAllBytes(), dmn.getFilename());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dmn.getDescription(), e);
        }
        return decisionId -> decision;
    }
}
