package io.ringback.directory;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The directory's answers as RFC 7807 problems: an unknown agent is {@code 404} naming the user id; an
 * interface mapped to another agent, or a user id taken, is {@code 409} naming them. Bad input is
 * {@code support.ApiProblems}' ({@code 400} with an {@code errors} list).
 */
@RestControllerAdvice
class AgentProblems {

    record Conflict(String memberInterface, String userId) {}

    @ExceptionHandler(UnknownAgentException.class)
    ProblemDetail unknown(UnknownAgentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No agent " + e.userId());
        problem.setTitle("Unknown agent");
        problem.setProperty("userId", e.userId());
        return problem;
    }

    @ExceptionHandler(InterfaceTakenException.class)
    ProblemDetail interfaceTaken(InterfaceTakenException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Interface mapped to another agent");
        List<Conflict> conflicts = e.owners().entrySet().stream()
                .map((Map.Entry<String, String> owner) -> new Conflict(owner.getKey(), owner.getValue())).toList();
        problem.setProperty("conflicts", conflicts);
        return problem;
    }

    @ExceptionHandler(AgentExistsException.class)
    ProblemDetail exists(AgentExistsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Agent exists");
        problem.setProperty("userId", e.userId());
        return problem;
    }
}
