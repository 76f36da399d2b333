package io.ringback.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringback.callback.CallbackViews.AttemptView;
import io.ringback.callback.CallbackViews.CancelRequest;
import io.ringback.callback.CallbackViews.ChangeView;
import io.ringback.callback.CallbackViews.Detail;
import io.ringback.callback.CallbackViews.IntakeResponse;
import io.ringback.callback.CallbackViews.Summary;
import io.ringback.security.CurrentUser;
import io.ringback.security.Permissions;
import io.ringback.support.InputRule;
import io.ringback.support.PhoneNumbers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The callback API for other PBXs, agents and supervisors. Errors are RFC 7807 problem details. */
@RestController
@RequestMapping("/api")
@Validated
class CallbackController {

    /** Clocks of other PBXs may run a little ahead. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /** The source of abandons posted without one. */
    static final String DEFAULT_SOURCE = "default";

    private final AbandonedCallIntake intake;
    private final CallbackRepository callbacks;
    private final AttemptRepository attempts;
    private final CallbackEdits edits;
    private final OwnerWaitExpiries ownerWaitExpiries;
    private final CurrentUser currentUser;
    private final PhoneNumbers phones;
    private final ObjectMapper json;
    private final Clock clock;

    CallbackController(AbandonedCallIntake intake, CallbackRepository callbacks, AttemptRepository attempts,
                       CallbackEdits edits, OwnerWaitExpiries ownerWaitExpiries, CurrentUser currentUser,
                       PhoneNumbers phones, ObjectMapper json, Clock clock) {
        this.intake = intake;
        this.callbacks = callbacks;
        this.attempts = attempts;
        this.edits = edits;
        this.ownerWaitExpiries = ownerWaitExpiries;
        this.currentUser = currentUser;
        this.phones = phones;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/abandoned-calls")
    ResponseEntity<IntakeResponse> abandonedCall(@Valid @RequestBody AbandonedCallRequest request, Principal user) {
        if (request.abandonedAt().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw new InvalidAbandonedCallException(Map.of("abandonedAt", "must not be in the future"));
        }
        String uniqueId = request.uniqueId() != null ? request.uniqueId() : "api-" + UUID.randomUUID();
        String source = "api:" + (request.source() != null ? request.source() : DEFAULT_SOURCE);
        var result = intake.accept(new AbandonedCall(source, request.queue(), request.callerNumber(),
                request.callerName(), request.holdTimeSeconds(), request.abandonedAt(), uniqueId), userName(user, source));
        return ResponseEntity.accepted()
                .location(URI.create("/api/callbacks/" + result.callbackId()))
                .body(new IntakeResponse(result.callbackId(), result.outcome()));
    }

    @GetMapping("/callbacks")
    List<Summary> list(@RequestParam(required = false) CallbackOrigin origin,
                       @RequestParam(required = false) CallbackStatus status,
                       @RequestParam(required = false) String queue,
                       @RequestParam(required = false) String number,
                       @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                       @RequestParam(defaultValue = "0") @Min(0) int offset) {
        String normalised = null;
        if (number != null) {
            normalised = phones.normalise(number).orElseThrow(() ->
                    new InvalidAbandonedCallException(Map.of("number", "must be a phone number of 3 to 20 digits")));
        }
        if (queue != null && !InputRule.QUEUE.accepts(queue)) {
            throw new InvalidAbandonedCallException(Map.of("queue", InputRule.QUEUE.rule()));
        }
        return callbacks.search(origin == null ? null : origin.name(), status, queue, normalised, limit, offset).stream()
                .map(c -> Summary.of(c, phones.mask(c.phoneNumber()))).toList();
    }

    @GetMapping("/callbacks/{id}")
    Detail get(@PathVariable UUID id) {
        Callback c = callbacks.find(id).orElseThrow(() -> notFound(id));
        return new Detail(c.id(), c.origin(), c.queue(), c.targetGroup(), c.targetAgent(), c.target().owner(),
                c.phoneNumber(),
                c.phoneNumberDisplay(), c.callerName(), c.requestedAt(), c.holdTimeSeconds(), c.abandonedAt(), c.status(),
                c.endReason(), c.abandonCount(), c.lastAbandonAt(), callbacks.abandonIds(id), c.processInstanceKey(),
                settings(c), c.expiresAt(), c.waitingForAgent(), c.waitingFor(), c.dueAt(), c.createdBy(),
                c.cancelledBy(), c.createdAt(), c.updatedAt(), c.endedAt(),
                attempts.forCallback(id).stream().map(AttemptView::of).toList(),
                callbacks.changes(id).stream().map(ChangeView::of).toList(), ownerWaitExpiries.of(id));
    }

    @PostMapping("/callbacks/{id}/cancel")
    ResponseEntity<Void> cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) CancelRequest request,
                                Principal user) {
        try {
            edits.cancel(id, new Actor(userName(user, "unknown"), currentUser.has(Permissions.CALLBACKS_SUPERVISE)),
                    request == null ? null : request.reason());
        } catch (CallbackEdits.UnknownCallbackException e) {
            throw notFound(id);
        } catch (CallbackEdits.CallbackEndedException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage());
        }
        return ResponseEntity.accepted().build();
    }

    /** The signed-in user's name; {@code otherwise} where the request carries none (security switched off in a test). */
    private static String userName(Principal user, String otherwise) {
        return user == null ? otherwise : user.getName();
    }

    private JsonNode settings(Callback c) {
        try {
            return c.settingsJson() == null ? null : json.readTree(c.settingsJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ResponseStatusException notFound(UUID id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No callback " + id);
    }
}
