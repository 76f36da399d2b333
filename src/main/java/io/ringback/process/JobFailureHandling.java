package io.ringback.process;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.camunda.client.exception.JobError;
import io.camunda.client.jobhandling.CommandWrapper;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.DefaultJobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.ringback.support.CallbackLogContext;
import io.ringback.support.InputRule;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A worker that throws a technical exception (database down, AMI unreachable) fails its job with
 * one retry less and a backoff, so the engine retries later and raises an incident when the
 * retries run out: never a zero-backoff retry storm against the PBX or the database. Business
 * outcomes are BPMN errors or variables, and deliberate job errors ({@link CamundaError}) pass
 * through unchanged. A job whose variables cannot be given to the worker at all (a variable of the
 * wrong shape, a mandatory one missing: what a model typed) fails at once, without a retry, with an
 * incident naming the variable and the field: the same variables would only fail again. An incident's
 * message is one line (the exception's class and message), never a stack trace.
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
            if (cause instanceof JobError error) {
                fail(error, context, commands, metrics);
                return;
            }
            if (cause instanceof CamundaError error) {
                delegate.handleException(error, context); // a BPMN error: the model catches it
                return;
            }
            var job = context.job();
            var unreadable = unreadableVariables(exception);
            if (unreadable.isPresent()) {
                try (var logContext = CallbackLogContext.open(job.getVariablesAsMap().getOrDefault("callbackId", "?"),
                        job.getProcessInstanceKey())) {
                    log.warn("Job {} ({}) cannot run, no retry: {}", job.getKey(), job.getType(), unreadable.get());
                }
                fail(CamundaError.jobError(unreadable.get(), null, 0), context, commands, metrics);
                return;
            }
            int retriesLeft = Math.max(job.getRetries() - 1, 0);
            Object callbackId = job.getVariablesAsMap().getOrDefault("callbackId", "?");
            try (var logContext = CallbackLogContext.open(callbackId, job.getProcessInstanceKey())) {
                log.warn("Job {} ({}) failed, {} retries left: {}", job.getKey(), job.getType(), retriesLeft,
                        describe(cause), cause);
            }
            // the trace stays in the log above; the incident gets the one line
            fail(CamundaError.jobError(InputRule.forLog(describe(cause), 500), null, retriesLeft, backoff), context,
                    commands, metrics);
        };
    }

    /**
     * Fails the job with the error's own message as the incident's. The SDK's default strategy would
     * send the error's whole stack trace instead (with every nested exception's message: a driver's may
     * quote a row, a customer's number), which the engine keeps with the incident and Operate shows.
     * Sent as the SDK sends it: retried on a transient gateway error, counted in its job metrics.
     */
    private static void fail(JobError error, JobExceptionHandlingStrategy.ExceptionHandlingContext context,
                             CommandExceptionHandlingStrategy commands, MetricsRecorder metrics) {
        ActivatedJob job = context.job();
        int retries = error.getRetries() == null ? Math.max(job.getRetries() - 1, 0) : error.getRetries();
        var command = context.jobClient().newFailCommand(job.getKey()).retries(retries).errorMessage(error.getMessage());
        if (error.getRetryBackoff() != null) {
            command = command.retryBackoff(error.getRetryBackoff());
        }
        if (error.getVariables() != null) {
            command = command.variables(error.getVariables());
        }
        Integer maxRetries = context.jobWorkerValue() == null ? null : context.jobWorkerValue().getMaxRetries();
        new CommandWrapper(command, job, commands, metrics, maxRetries == null ? 0 : maxRetries)
                .executeAsyncWithMetrics("camunda.job.invocations", "failed", job.getType());
    }

    /**
     * Why the job's variables cannot be given to the worker, when that is what failed: Jackson could not
     * read a variable as the worker's type inside the worker (named with the path of the field and what
     * was there, never the variable's whole JSON, which may hold a phone number). Empty for any other
     * failure. (What the engine client cannot read before the worker runs — {@code @Variable} of a record
     * type — never gets here: workers that read analyst-facing variables read them themselves,
     * {@link DialPolicy#from}.)
     */
    static Optional<String> unreadableVariables(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonMappingException mapping) {
                String type = mapping.getPath().isEmpty() || mapping.getPath().getFirst().getFrom() == null ? "a variable"
                        : "a variable read as " + simpleName(mapping.getPath().getFirst().getFrom());
                String field = mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
                return Optional.of("The job's variables do not fit the worker: " + type
                        + (field.isEmpty() ? "" : ", field " + field) + ": " + InputRule.forLog(firstLine(mapping.getOriginalMessage()), 300)
                        + " (docs/process-variables.md; fix the model or the variable, then retry)");
            }
        }
        return Optional.empty();
    }

    private static String simpleName(Object from) {
        return from instanceof Class<?> c ? c.getSimpleName() : from.getClass().getSimpleName();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
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
