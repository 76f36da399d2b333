package io.ringback.directory;

import io.ringback.support.InputRule;
import io.ringback.support.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API of the agent directory ({@code /api/agents}, docs/agent-directory.md). Bad input is a
 * {@code 400} problem naming each field ({@code userId}, {@code displayName}, {@code interfaces[1]}, ...),
 * an unknown agent {@code 404}, an interface mapped to another agent {@code 409} naming it.
 */
@RestController
@RequestMapping("/api/agents")
@Tag(name = "Agent directory", description = "Agents, their Asterisk interfaces, queues and groups; reconciliation with AMI")
class AgentController {

    private final AgentDirectory directory;
    private final AgentReconciliation reconciliation;

    AgentController(AgentDirectory directory, AgentReconciliation reconciliation) {
        this.directory = directory;
        this.reconciliation = reconciliation;
    }

    /**
     * {@code GET /api/agents}: every agent, by user id; {@code ?group=} only the members of a group,
     * {@code ?queue=} only the agents said to serve a queue (both: both).
     */
    @GetMapping
    @Operation(summary = "List agents, optionally only a group's members or a queue's agents")
    List<Agent> list(@RequestParam(required = false) String group, @RequestParam(required = false) String queue) {
        return directory.search(group, queue);
    }

    /** {@code GET /api/agents/{userId}}: one agent; {@code 404} when there is none. */
    @GetMapping("/{userId}")
    @Operation(summary = "One agent")
    Agent get(@PathVariable String userId) {
        checkUserId(userId);
        return directory.find(userId).orElseThrow(() -> new UnknownAgentException(userId));
    }

    /**
     * {@code PUT /api/agents/{userId}} with {@code {displayName, interfaces, queues, groups}}: creates the
     * agent ({@code 201} with {@code Location}) or replaces all of its details ({@code 200}); the agent as
     * stored in both cases. A list left out is empty. {@code 409} when an interface is another agent's.
     */
    @PutMapping("/{userId}")
    @Operation(summary = "Create an agent (201) or replace all of its details (200)")
    ResponseEntity<Agent> put(@PathVariable String userId, @RequestBody AgentDetails details) {
        AgentDirectory.Saved saved = directory.save(userId, details);
        if (saved.created()) {
            return ResponseEntity.created(URI.create("/api/agents/" + userId)).body(saved.agent());
        }
        return ResponseEntity.ok(saved.agent());
    }

    /**
     * {@code DELETE /api/agents/{userId}}: the agent left the company. {@code 204}; their interfaces are
     * free; {@link AgentRemoved} is published. {@code 404} when there is none.
     */
    @DeleteMapping("/{userId}")
    @Operation(summary = "Remove an agent who left the company")
    ResponseEntity<Void> delete(@PathVariable String userId) {
        checkUserId(userId);
        directory.remove(userId);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /**
     * {@code GET /api/agents/reconciliation}: the directory next to the queue members AMI reports
     * ({@link Reconciliation}); {@code ?queue=} (repeatable) compares queues nobody in the directory serves too.
     */
    @GetMapping("/reconciliation")
    @Operation(summary = "Compare the directory with the queue members AMI reports")
    Reconciliation reconciliation(@RequestParam(name = "queue", required = false) List<String> queues) {
        return reconciliation.reconcile(queues);
    }

    private static void checkUserId(String userId) {
        InputRule.USER_ID.problem(userId).ifPresent(rule -> {
            throw new InvalidRequestException("userId", rule);
        });
    }
}
