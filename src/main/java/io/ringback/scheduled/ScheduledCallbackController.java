package io.ringback.scheduled;

import io.ringback.callback.Actor;
import io.ringback.callback.CallbackRepository;
import io.ringback.callback.CallbackStatus;
import io.ringback.scheduled.ScheduledCallbackViews.ChangeView;
import io.ringback.scheduled.ScheduledCallbackViews.Detail;
import io.ringback.scheduled.ScheduledCallbackViews.ScheduleView;
import io.ringback.scheduled.ScheduledCallbackViews.Summary;
import io.ringback.scheduled.ScheduledCallbackViews.OwnerView;
import io.ringback.scheduled.ScheduledCallbackViews.WindowView;
import io.ringback.scheduled.ScheduledCallbacks.UnknownScheduledCallbackException;
import io.ringback.security.CurrentUser;
import io.ringback.security.Permissions;
import io.ringback.support.InputRule;
import io.ringback.support.InvalidRequestException;
import io.ringback.support.PhoneNumbers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/scheduled-callbacks}: schedule, list, change and delete callbacks in a window (SPEC §3). */
@RestController
@RequestMapping("/api/scheduled-callbacks")
@Validated
@Tag(name = "Scheduled callbacks", description = "Callbacks in a call window of the customer's time zone")
class ScheduledCallbackController {

    private final ScheduledCallbacks scheduled;
    private final CallbackRepository callbacks;
    private final CurrentUser user;
    private final PhoneNumbers phones;

    ScheduledCallbackController(ScheduledCallbacks scheduled, CallbackRepository callbacks, CurrentUser user,
                                PhoneNumbers phones) {
        this.scheduled = scheduled;
        this.callbacks = callbacks;
        this.user = user;
        this.phones = phones;
    }

    @PostMapping
    @Operation(summary = "Schedule a callback", description = "Answers 201 with the callback; `warnings` lists other "
            + "callbacks already open for the number.")
    ResponseEntity<Detail> create(@RequestBody ScheduledCallbackRequest request) {
        var created = scheduled.create(request, actor());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/scheduled-callbacks/" + created.callback().id()))
                .body(detail(created.callback(), created.warnings()));
    }

    @GetMapping
    @Operation(summary = "List scheduled callbacks", description = "Numbers masked; `number` in any typed form; "
            + "`from`/`to` select windows that overlap them.")
    List<Summary> list(@RequestParam(required = false) String number, @RequestParam(required = false) String queue,
                       @RequestParam(required = false) String createdBy,
                       @RequestParam(required = false) CallbackStatus status,
                       @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                       @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
                       @RequestParam(defaultValue = "0") @Min(0) int offset) {
        if (queue != null && !InputRule.QUEUE.accepts(queue)) {
            throw new InvalidRequestException("queue", InputRule.QUEUE.rule());
        }
        if (createdBy != null && !InputRule.LOGIN.accepts(createdBy)) {
            throw new InvalidRequestException("createdBy", InputRule.LOGIN.rule());
        }
        Instant now = scheduled.now();
        return scheduled.search(number, queue, createdBy, status, from, to, limit, offset).stream()
                .map(row -> new Summary(row.id(), row.protocol(), row.status(), phones.mask(row.phoneNumber()),
                        row.recipientName(), row.queue(), OwnerView.of(row), WindowView.of(row.window()), row.createdBy(),
                        row.changeableAt(now), row.createdAt(), row.endedAt()))
                .toList();
    }

    @GetMapping("/schedules")
    @Operation(summary = "A queue's schedule", description = "When the queue takes scheduled callbacks in the next "
            + "`days` days, with its attempts and the time between them.")
    ScheduleView schedule(@RequestParam String queue, @RequestParam(defaultValue = "7") @Min(1) @Max(31) int days) {
        if (!InputRule.QUEUE.accepts(queue)) {
            throw new InvalidRequestException("queue", InputRule.QUEUE.rule());
        }
        return ScheduleView.of(scheduled.schedule(queue, days));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One scheduled callback", description = "With its full number and its history.")
    Detail get(@PathVariable UUID id) {
        return detail(scheduled.find(id).orElseThrow(() -> notFound(id)), List.of());
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a scheduled callback", description = "Until its window starts (409 after); your own, "
            + "or anybody's with callbacks:supervise.")
    Detail change(@PathVariable UUID id, @RequestBody ScheduledCallbackRequest request) {
        try {
            return detail(scheduled.change(id, request, actor()), List.of());
        } catch (UnknownScheduledCallbackException e) {
            throw notFound(id);
        }
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a scheduled callback", description = "Until its window starts (409 after); your own, "
            + "or anybody's with callbacks:supervise.")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        try {
            scheduled.delete(id, actor());
        } catch (UnknownScheduledCallbackException e) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    private Actor actor() {
        return new Actor(user.name(), user.has(Permissions.CALLBACKS_SUPERVISE));
    }

    private Detail detail(ScheduledCallbackRow row, List<String> warnings) {
        return new Detail(row.id(), row.protocol(), row.status(), row.phoneNumber(), row.phoneNumberAsGiven(),
                row.recipientName(), row.queue(), OwnerView.of(row), WindowView.of(row.window()), row.reason(),
                row.createdBy(),
                row.cancelledBy(), row.endReason(), row.processInstanceKey(), row.changeableAt(scheduled.now()),
                row.createdAt(), row.updatedAt(), row.endedAt(),
                callbacks.changes(row.id()).stream().map(ChangeView::of).toList(), warnings);
    }

    private static ResponseStatusException notFound(UUID id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No scheduled callback " + id);
    }
}
