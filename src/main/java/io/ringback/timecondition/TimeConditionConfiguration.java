package io.ringback.timecondition;

import io.camunda.client.CamundaClient;
import io.ringback.process.CallbackProcess;
import io.ringback.process.DecisionXmlSource;
import io.ringback.process.DeployedDecisions;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TimeConditionConfiguration {

    /** The calendar reads the deployed time-condition decision: the one the engine evaluates. */
    @Bean
    TimeConditionCalendar timeConditionCalendar(CamundaClient client, DecisionXmlSource xml) {
        return new TimeConditionCalendar(new DeployedDecisions(client, xml,
                Map.of(CallbackProcess.Decisions.TIME_CONDITION, TimeConditionCalendar.PROBE)));
    }
}
