package io.ringback.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The refusals that happen before any controller, as RFC 7807 problems like every other
 * ({@code application/problem+json}, an {@code errors} list for a 400), never Spring Boot's error JSON,
 * its white-label page or Tomcat's HTML page:
 * <ul>
 *   <li>a URL Spring Security's firewall rejects (an encoded {@code /}, {@code \}, {@code %}, {@code ;},
 *       {@code ..}, a control character): 400 naming {@code path};
 *   <li>whatever reaches the {@code /error} page (a {@code sendError} anywhere);
 *   <li>what Tomcat refuses before the application sees the request (a URL it cannot decode).
 * </ul>
 */
@Controller
class ErrorProblems implements ErrorController {

    private final ObjectMapper json;

    ErrorProblems(ObjectMapper json) {
        this.json = json;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<byte[]> error(HttpServletRequest request) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(json, status, "request", "cannot be taken", uri == null ? null : uri.toString()));
    }

    /** Spring Security's firewall: the URL holds something no endpoint takes. */
    @Bean
    RequestRejectedHandler problemForRejectedRequests() {
        return (request, response, rejected) -> write(json, response, HttpStatus.BAD_REQUEST.value(), "path",
                "contains a character or sequence no endpoint takes (an encoded / or \\, %, ;, .., a control character)",
                request.getRequestURI());
    }

    /** Tomcat's own refusals (before the application), as problems too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    static byte[] problem(ObjectMapper json, int status, String field, String message, String instance)
            throws IOException {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status == 400 ? "Invalid request" : known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        if (status == 400) {
            problem.put("detail", field + " " + message);
            problem.put("errors", List.of(Map.of("field", field, "message", message)));
        } else {
            problem.put("detail", known == null ? "Status " + status : known.getReasonPhrase());
        }
        if (instance != null) {
            problem.put("instance", instance.length() > 200 ? instance.substring(0, 200) : instance);
        }
        return json.writeValueAsBytes(problem);
    }

    static void write(ObjectMapper json, HttpServletResponse response, int status, String field, String message,
                      String instance) throws IOException {
        byte[] body = problem(json, status, field, message, instance);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Tomcat's error report, as a problem: Tomcat makes it by class name, hence public and without Spring. */
    public static class ProblemReportValve extends ErrorReportValve {

        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            try {
                byte[] body = problem(JSON, status, "path", "cannot be read (a URL Tomcat refuses)", null);
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getOutputStream().write(body);
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // the client is gone: nothing to tell
            }
        }
    }
}
