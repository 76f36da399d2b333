package io.ringback.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every answer to bad input is an RFC 7807 problem ({@code application/problem+json}, whatever the request
 * accepts), and every {@code 400} has an {@code errors} list naming each bad field:
 * {@code [{"field": "callerNumber", "message": "..."}]} — a body field, a query or path parameter,
 * {@code body} for a body that is missing or not JSON, {@code Content-Type} or {@code Accept} for a header.
 * Values are repeated in a message only made safe ({@link InputRule#forLog}). Every controller of every
 * module throws {@link InvalidRequestException} (or lets Bean Validation fail) for bad input; Spring MVC's
 * own refusals (405, 406, 415, a missing parameter, no such endpoint) come through here too.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // before every other advice
class ApiProblems extends ResponseEntityExceptionHandler {

    /** The longest {@code instance} (the request path) a problem repeats. */
    private static final int MAX_INSTANCE = 200;

    record FieldError(String field, String message) {}

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return answer(problem(e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldError(f.getField(), f.getDefaultMessage())).toList()), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        return answer(problem(e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldError(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList()), request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> invalidConstraint(ConstraintViolationException e, NativeWebRequest request) {
        return answer(problem(e.getConstraintViolations().stream()
                .map(v -> new FieldError(last(v.getPropertyPath().toString()), v.getMessage())).toList()), request);
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalidRequest(InvalidRequestException e, NativeWebRequest request) {
        return answer(problem(e.fieldErrors().entrySet().stream()
                .map(entry -> new FieldError(entry.getKey(), entry.getValue())).toList()), request);
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        detail.setTitle("Forbidden");
        detail.setProperty("missingPermission", e.missingPermission());
        return detail;
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        detail.setTitle("Conflict");
        return detail;
    }

    @ExceptionHandler(UnavailableException.class)
    ProblemDetail unavailable(UnavailableException e) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        detail.setTitle("Service unavailable");
        return detail;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, NativeWebRequest request) {
        return answer(problem(List.of(new FieldError(e.getName(), "has an invalid value '" + InputRule.forLog(e.getValue())
                + "'" + expected(e.getRequiredType())))), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return answer(problem(List.of(new FieldError(e.getParameterName(), "must be given"))), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingPathVariable(MissingPathVariableException e, HttpHeaders headers,
                                                               HttpStatusCode status, WebRequest request) {
        return answer(problem(List.of(new FieldError(e.getVariableName(), "must be given"))), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = switch (mapping) {
                case InvalidFormatException invalid ->
                        "has an invalid value '" + InputRule.forLog(invalid.getValue()) + "'" + expected(invalid.getTargetType());
                case MismatchedInputException mismatch -> "has the wrong type" + expected(mismatch.getTargetType());
                default -> "has a value that cannot be read"; // such as an instant beyond the year 1000000000
            };
            return answer(problem(List.of(new FieldError(InputRule.forLog(field), message))), request);
        }
        String why;
        if (e.getCause() instanceof com.fasterxml.jackson.core.JsonParseException parse && parse.getOriginalMessage() != null
                && parse.getOriginalMessage().startsWith("Duplicate field '")) {
            String name = parse.getOriginalMessage().substring("Duplicate field '".length()).replaceFirst("'.*$", "");
            return answer(problem(List.of(new FieldError(InputRule.forLog(name), "is given twice"))), request);
        }
        if (e.getCause() instanceof JsonProcessingException json && json.getLocation() != null) {
            why = "is not valid JSON (line " + json.getLocation().getLineNr() + ", column "
                    + json.getLocation().getColumnNr() + ")";
        } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
            why = "is missing";
        } else {
            why = "is not valid JSON";
        }
        ProblemDetail detail = problem(List.of(new FieldError("body", why)));
        detail.setTitle("Malformed request");
        return answer(detail, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        ProblemDetail detail = problem(List.of(new FieldError(HttpHeaders.CONTENT_TYPE,
                "must be application/json" + (e.getContentType() == null ? "" : ", not " + InputRule.forLog(e.getContentType())))));
        detail.setStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        detail.setTitle("Unsupported Media Type");
        HttpHeaders answerHeaders = new HttpHeaders();
        answerHeaders.setAccept(List.of(MediaType.APPLICATION_JSON));
        return answer(detail, answerHeaders, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e,
                                                                      HttpHeaders headers, HttpStatusCode status,
                                                                      WebRequest request) {
        ProblemDetail detail = problem(List.of(new FieldError(HttpHeaders.ACCEPT,
                "must accept application/json (answers and problems are JSON)")));
        detail.setStatus(HttpStatus.NOT_ACCEPTABLE);
        detail.setTitle("Not Acceptable");
        return answer(detail, request);
    }

    /** Spring MVC's other refusals (405, 404, ...): their own problem, always as {@code application/problem+json}. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        HttpHeaders answerHeaders = new HttpHeaders();
        if (headers != null) {
            answerHeaders.putAll(headers);
        }
        answerHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (body instanceof ProblemDetail detail) {
            bound(detail, request);
        }
        return new ResponseEntity<>(body, answerHeaders, status);
    }

    private ResponseEntity<Object> answer(ProblemDetail detail, WebRequest request) {
        return answer(detail, new HttpHeaders(), request);
    }

    private ResponseEntity<Object> answer(ProblemDetail detail, HttpHeaders headers, WebRequest request) {
        return createResponseEntity(detail, headers, HttpStatusCode.valueOf(detail.getStatus()), request);
    }

    private static void bound(ProblemDetail detail, WebRequest request) {
        String path = request instanceof NativeWebRequest n
                && n.getNativeRequest() instanceof jakarta.servlet.http.HttpServletRequest http ? http.getRequestURI() : null;
        if (path != null) {
            String bounded = path.length() > MAX_INSTANCE
                    ? path.substring(0, MAX_INSTANCE).replaceFirst("%[0-9A-Fa-f]?$", "") : path;
            try {
                detail.setInstance(java.net.URI.create(bounded));
            } catch (IllegalArgumentException notAUri) {
                detail.setInstance(null);
            }
        }
    }

    static ProblemDetail problem(List<FieldError> errors) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; ")));
        detail.setTitle("Invalid request");
        detail.setProperty("errors", errors);
        return detail;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String expected(Class<?> type) {
        return type == null ? "" : " (expected " + simpleType(type) + ")";
    }

    private static String simpleType(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return Map.of("Instant", "an ISO-8601 instant such as 2026-11-21T14:05:00Z", "Integer", "a whole number",
                "int", "a whole number", "UUID", "a UUID such as 3fa2c1d0-8b7e-4f6a-9c2d-1e5b7a9f0c3d", "Long",
                "a whole number", "long", "a whole number", "Boolean", "true or false", "boolean", "true or false",
                "String", "a string").getOrDefault(type.getSimpleName(), type.getSimpleName());
    }
}
