package io.ringback.process;

import io.camunda.client.exception.CamundaError;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.DefaultJobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringback.support.CallbackLogContext;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A worker that throws a technical exception (database down, AMI unreachable) fails its job with
 * one retry less and a backoff, so the engine retries later and raises an incident when the
 * retries run out: never a zero-backoff retry storm against the PBX or the database. Business
 * outcomes are BPMN errors or variables, and deliberate job errors ({@link CamundaError}) pass
 * through unchanged.
 */
@Configuration(proxyBeanMethods = false)
class JobFailureHandling {

    private static final Logger log = LoggerFactory.getLogger(JobFailureHandling.class);

    @Bean
    JobExceptionHandlingStrategy jobExceptionHandlingStrategy(CommandExceptionHandlingStrategy commands,
                                                              MetricsRecorder metrics,
                                                              ProcessProperties properties,
                                                              MeterRegistry meters) {
        Duration backoff = properties.jobRetryBackoff();
        var delegate = new DefaultJobExceptionHandlingStrategy(commands, metrics);
        return (exception, context) -> {
            Throwable cause = unwrap(exception);
            if (!(cause instanceof io.camunda.client.exception.BpmnError)) {
                Counter.builder("ringback.jobs.failed").description("Job worker failures (technical errors)")
                        .tag("type", context.job().getType()).register(meters).increment();
            }
            if (cause instanceof CamundaError error) {
                delegate.handleException(error, context);
                return;
            }
            var job = context.job();
            int retriesLeft = Math.max(job.getRetries() - 1, 0);
            Object callbackId = job.getVariablesAsMap().getOrDefault("callbackId", "?");
            try (var logContext = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
                log.warn("Job {} ({}) failed, {} retries left: {}", job.getKey(), job.getType(), retriesLeft,
                        describe(cause), cause);
            }
            delegate.handleException(CamundaError.jobError(describe(cause), null, retriesLeft, backoff, cause), context);
        };
    }

    /** The worker's own exception, without the SDK's reflective-invocation wrappers. */
    static Throwable unwrap(Throwable exception) {
        Throwable current = exception;
        while (current.getCause() != null && (current instanceof java.lang.reflect.InvocationTargetException
                || (current.getClass() == RuntimeException.class && String.valueOf(current.getMessage())
                        .startsWith("Failed to invoke method")))) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(Throwable exception) {
        String message = exception.getMessage();
        return exception.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
