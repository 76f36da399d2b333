package io.ringback.embedded;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.value.deployment.DecisionRequirementsRecordValue;
import io.ringback.process.DecisionXmlSource;
import java.util.NoSuchElementException;
import java.util.stream.StreamSupport;

/**
 * The in-memory engine has no REST API to fetch a deployed decision's XML from; its record stream
 * holds every deployed resource, whoever deployed it (the application, a test, Camunda Modeler).
 */
final class RecordStreamDecisionXml implements DecisionXmlSource {

    private final ZeebeTestEngine engine;

    RecordStreamDecisionXml(ZeebeTestEngine engine) {
        this.engine = engine;
    }

    @Override
    public byte[] xml(long decisionRequirementsKey) {
        return StreamSupport.stream(RecordStream.of(engine.getRecordStreamSource()).records().spliterator(), false)
                .filter(r -> r.getValueType() == ValueType.DECISION_REQUIREMENTS)
                .map(Record::getValue)
                .map(DecisionRequirementsRecordValue.class::cast)
                .filter(v -> v.getDecisionRequirementsKey() == decisionRequirementsKey)
                .map(DecisionRequirementsRecordValue::getResource)
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no deployed decision requirements " + decisionRequirementsKey));
    }
}
