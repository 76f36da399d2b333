package io.ringback.desktop;

import io.ringback.callback.Actor;
import io.ringback.callback.Callback;
import io.ringback.scheduled.CallbackSchedules.Schedule;
import io.ringback.scheduled.ScheduledCallbackRow;
import io.ringback.scheduled.ScheduledCallbackViews.WindowView;
import io.ringback.scheduled.ScheduledCallbacks;
import io.ringback.scheduled.ScheduledCallbacks.UnknownScheduledCallbackException;
import io.ringback.scheduled.ScheduledWindow;
import io.ringback.security.CurrentUser;
import io.ringback.security.Permissions;
import io.ringback.support.ConflictException;
import io.ringback.support.ForbiddenException;
import io.ringback.support.InvalidRequestException;
import io.ringback.support.InputRule;
import io.ringback.support.PhoneNumbers;
import io.ringback.support.UnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;

/**
 * The agent desktop's first page, {@code /agent} (docs/agent-desktop.md): schedule a callback — the
 * form, the queue's schedule, the callbacks already open for the number, the window in the customer's
 * and in the agent's zone — and the scheduled callbacks, with edit and cancel where the user may. Every
 * rule is {@link ScheduledCallbacks}'s, the same the API follows: the page only shows what it answers
 * (a refused field next to that field). The URL rules are {@code security.AccessRules.PAGE_RULES}.
 */
@Controller
@RequestMapping("/agent")
class AgentDesktopController {

    /** How many days of the queue's schedule the page shows. */
    static final int SCHEDULE_DAYS = 7;
    /** Callbacks whose window ended longer ago than this are no longer listed. */
    static final Duration LISTED_AFTER_THE_WINDOW = Duration.ofDays(1);
    static final int LIST_LIMIT = 100;

    private final ScheduledCallbacks scheduled;
    private final CurrentUser user;
    private final PhoneNumbers phones;

    AgentDesktopController(ScheduledCallbacks scheduled, CurrentUser user, PhoneNumbers phones) {
        this.scheduled = scheduled;
        this.user = user;
        this.phones = phones;
    }

    /** What was done, shown once after the redirect. */
    record Notice(String message, List<String> warnings, boolean error) {}

    /** A scheduled callback in the list, with the actions this user may take on it. */
    record Row(UUID id, String protocol, String status, String recipientName, String numberMasked, String queue,
               String owner, String customerWindow, String agentWindow, String note, String createdBy, boolean mine,
               boolean canEdit, boolean canCancel) {}

    /** An opening of the queue's schedule, in the schedule's zone and in the agent's. */
    record OpeningText(String inSchedule, String inAgentZone) {}

    /** A callback already open for the typed number. */
    record OpenCallback(String origin, String queue, String status, String when, String createdBy) {}

    // ------------------------------------------------------------------ the page

    @GetMapping
    String page(@RequestParam(required = false) String show, @RequestParam(required = false) String interactionId,
                HttpServletRequest request, Model model) {
        AgentZone.Resolved zone = AgentZone.of(request);
        List<String> queues = scheduled.queuesFor(user.name());
        String callId = interactionId != null && InputRule.UNIQUE_ID.accepts(interactionId) ? interactionId : null;
        fill(model, zone, show, CallbackForm.empty(zone.zone().getId(), queues.isEmpty() ? "" : queues.getFirst(), callId),
                null, Map.of(), null, true);
        return "agent/desktop";
    }

    @GetMapping("/scheduled-callbacks/{id}/edit")
    ModelAndView edit(@PathVariable UUID id, HttpServletRequest request, Model model) {
        ScheduledCallbackRow row = scheduled.find(id).orElseThrow(() -> notFound(id));
        AgentZone.Resolved zone = AgentZone.of(request);
        if (!scheduled.mayChange(row, actor())) {
            boolean somebodyElses = row.changeableAt(scheduled.now()); // else: started or ended, for everybody
            fill(model, zone, null, CallbackForm.empty(zone.zone().getId(), "", null), null, Map.of(),
                    "Callback " + row.protocol() + " cannot be changed by " + user.name() + ": " + (somebodyElses
                            ? "it was scheduled by " + row.createdBy() + " (changing somebody else's needs "
                                    + Permissions.CALLBACKS_SUPERVISE + ")"
                            : "its window has started or it has ended; from then on it can only be seen"), false);
            return new ModelAndView("agent/desktop", model.asMap(),
                    somebodyElses ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT);
        }
        fill(model, zone, null, CallbackForm.of(row), row, Map.of(), null, false);
        return new ModelAndView("agent/desktop", model.asMap(), HttpStatus.OK);
    }

    // ------------------------------------------------------------------ create, change, cancel

    @PostMapping("/scheduled-callbacks")
    ModelAndView create(@ModelAttribute CallbackForm form, HttpServletRequest request, Model model,
                        RedirectAttributes redirect) {
        try {
            var created = scheduled.create(form.toRequest(), actor());
            ScheduledCallbackRow row = created.callback();
            redirect.addFlashAttribute("notice", new Notice("Callback scheduled for " + row.recipientName()
                    + ", protocol " + row.protocol() + ": " + Times.span(row.window().start(), row.window().end(),
                    row.window().zone()) + ".", created.warnings(), false));
            return new ModelAndView("redirect:/agent");
        } catch (RuntimeException e) {
            return refused(e, form, null, request, model);
        }
    }

    @PostMapping("/scheduled-callbacks/{id}")
    ModelAndView change(@PathVariable UUID id, @ModelAttribute CallbackForm form, HttpServletRequest request,
                        Model model, RedirectAttributes redirect) {
        ScheduledCallbackRow before = scheduled.find(id).orElseThrow(() -> notFound(id));
        CallbackForm edited = form.withoutInteraction(); // the protocol stays
        try {
            ScheduledCallbackRow row = scheduled.change(id, edited.toRequest(), actor());
            redirect.addFlashAttribute("notice", new Notice("Callback " + row.protocol() + " changed: "
                    + Times.span(row.window().start(), row.window().end(), row.window().zone()) + ".", List.of(), false));
            return new ModelAndView("redirect:/agent");
        } catch (UnknownScheduledCallbackException e) {
            throw notFound(id);
        } catch (RuntimeException e) {
            return refused(e, edited, before, request, model);
        }
    }

    @PostMapping("/scheduled-callbacks/{id}/cancel")
    String cancel(@PathVariable UUID id, RedirectAttributes redirect) {
        ScheduledCallbackRow row = scheduled.find(id).orElseThrow(() -> notFound(id));
        try {
            scheduled.delete(id, actor());
            redirect.addFlashAttribute("notice", new Notice("Callback " + row.protocol() + " for "
                    + row.recipientName() + " cancelled.", List.of(), false));
        } catch (ConflictException | ForbiddenException e) {
            redirect.addFlashAttribute("notice", new Notice(e.getMessage(), List.of(), true));
        } catch (UnknownScheduledCallbackException e) {
            throw notFound(id);
        }
        return "redirect:/agent";
    }

    /** The form again, with what was typed and each refusal next to its field. */
    private ModelAndView refused(RuntimeException e, CallbackForm form, ScheduledCallbackRow editing,
                                 HttpServletRequest request, Model model) {
        AgentZone.Resolved zone = AgentZone.of(request);
        HttpStatus status;
        Map<String, String> errors = Map.of();
        String general = null;
        switch (e) {
            case InvalidRequestException invalid -> {
                status = HttpStatus.BAD_REQUEST;
                errors = invalid.fieldErrors();
            }
            case ConflictException conflict -> {
                status = HttpStatus.CONFLICT;
                general = conflict.getMessage();
            }
            case ForbiddenException forbidden -> {
                status = HttpStatus.FORBIDDEN;
                general = forbidden.getMessage();
            }
            case UnavailableException unavailable -> {
                status = HttpStatus.SERVICE_UNAVAILABLE;
                general = unavailable.getMessage();
            }
            default -> throw e;
        }
        fill(model, zone, null, form, editing, errors, general, false);
        return new ModelAndView("agent/desktop", model.asMap(), status);
    }

    // ------------------------------------------------------------------ htmx fragments

    /** The queue's openings for the coming days, in the schedule's zone and the agent's. */
    @GetMapping("/fragments/schedule")
    String schedule(@RequestParam(defaultValue = "") String queue, HttpServletRequest request, Model model) {
        AgentZone.Resolved zone = AgentZone.of(request);
        model.addAttribute("queue", queue);
        model.addAttribute("agentZone", zone);
        if (queue.isBlank() || !InputRule.QUEUE.accepts(queue)) {
            model.addAttribute("problem", "Choose a queue to see its schedule.");
            return "agent/fragments :: schedule";
        }
        try {
            Schedule schedule = scheduled.schedule(queue, SCHEDULE_DAYS);
            java.time.ZoneId scheduleZone = java.time.ZoneId.of(schedule.timeZone());
            model.addAttribute("schedule", schedule);
            long interval = schedule.retryIntervalSeconds();
            model.addAttribute("retryInterval", interval % 60 == 0 ? interval / 60 + " min" : interval + " s");
            model.addAttribute("openings", schedule.openings().stream().map(o -> new OpeningText(
                    Times.span(o.startInstant(), o.endInstant(), scheduleZone),
                    Times.span(o.startInstant(), o.endInstant(), zone.zone()))).toList());
        } catch (InvalidRequestException | UnavailableException e) {
            model.addAttribute("problem", e instanceof InvalidRequestException invalid
                    ? String.join("; ", invalid.fieldErrors().values()) : e.getMessage());
        }
        return "agent/fragments :: schedule";
    }

    /** Every callback not ended for the typed number (of any kind). */
    @GetMapping("/fragments/open-callbacks")
    String openCallbacks(@RequestParam(defaultValue = "") String phoneNumber, HttpServletRequest request, Model model) {
        AgentZone.Resolved zone = AgentZone.of(request);
        model.addAttribute("phoneNumber", phoneNumber);
        if (phoneNumber.isBlank()) {
            return "agent/fragments :: open-callbacks";
        }
        try {
            List<Callback> open = scheduled.openCallbacksOf(phoneNumber);
            model.addAttribute("masked", phones.mask(open.isEmpty() ? phones.normalise(phoneNumber).orElseThrow()
                    : open.getFirst().phoneNumber()));
            model.addAttribute("open", open.stream().map(c -> new OpenCallback(c.origin(), c.queue(), c.status().name(),
                    openWhen(c, zone), c.createdBy())).toList());
        } catch (InvalidRequestException e) {
            model.addAttribute("problem", e.fieldErrors().get("phoneNumber"));
        }
        return "agent/fragments :: open-callbacks";
    }

    /** The window as it would be taken: in the customer's zone and in the agent's, or what is wrong with it. */
    @GetMapping("/fragments/window")
    String window(@RequestParam(defaultValue = "") String windowStart, @RequestParam(defaultValue = "") String windowEnd,
                  @RequestParam(defaultValue = "") String timeZone, HttpServletRequest request, Model model) {
        AgentZone.Resolved zone = AgentZone.of(request);
        model.addAttribute("agentZone", zone);
        if (windowStart.isBlank() && windowEnd.isBlank()) {
            return "agent/fragments :: window";
        }
        try {
            ScheduledWindow window = scheduled.window(windowStart, windowEnd, timeZone);
            model.addAttribute("customerWindow", Times.span(window.start(), window.end(), window.zone()));
            model.addAttribute("agentWindow", Times.span(window.start(), window.end(), zone.zone()));
            model.addAttribute("note", WindowView.of(window).note());
        } catch (InvalidRequestException e) {
            model.addAttribute("errors", e.fieldErrors());
        }
        return "agent/fragments :: window";
    }

    // ------------------------------------------------------------------ the model of the page

    private void fill(Model model, AgentZone.Resolved zone, String show, CallbackForm form, ScheduledCallbackRow editing,
                      Map<String, String> errors, String generalError, boolean reloadForZone) {
        Actor actor = actor();
        boolean canCreate = user.has(Permissions.CALLBACKS_CREATE);
        boolean everybody = show == null ? !canCreate : show.equals("all");
        List<String> queues = new ArrayList<>(scheduled.queuesFor(actor.name()));
        if (form.queue() != null && !form.queue().isBlank() && !queues.contains(form.queue())) {
            queues.add(form.queue()); // the callback's own queue, or what was typed: refused with its reason
        }
        Map<String, String> otherErrors = new LinkedHashMap<>(errors);
        FIELDS.forEach(otherErrors::remove);

        model.addAttribute("userName", actor.name());
        model.addAttribute("permissions", user.permissions());
        model.addAttribute("agentZone", zone);
        model.addAttribute("reloadForZone", reloadForZone && !zone.fromBrowser());
        model.addAttribute("canCreate", canCreate);
        model.addAttribute("showForm", editing != null || canCreate);
        model.addAttribute("editing", editing);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("otherErrors", otherErrors);
        model.addAttribute("generalError", generalError);
        model.addAttribute("queues", queues);
        model.addAttribute("zones", AgentZone.ALL);
        model.addAttribute("everybody", everybody);
        model.addAttribute("rows", rows(everybody ? null : actor.name(), actor, zone));
    }

    /** The fields of the form: a refusal of another field (interactionId) is shown above it. */
    private static final List<String> FIELDS = List.of("phoneNumber", "recipientName", "windowStart", "windowEnd",
            "timeZone", "queue", "reason");

    private List<Row> rows(String createdBy, Actor actor, AgentZone.Resolved zone) {
        Instant now = scheduled.now();
        boolean mayEdit = user.has(Permissions.CALLBACKS_EDIT);
        boolean mayCancel = user.has(Permissions.CALLBACKS_CANCEL);
        return scheduled.search(null, null, createdBy, null, now.minus(LISTED_AFTER_THE_WINDOW), null, LIST_LIMIT, 0)
                .stream().map(row -> {
                    ScheduledWindow w = row.window();
                    boolean changeable = scheduled.mayChange(row, actor);
                    return new Row(row.id(), row.protocol(), row.status().name(), row.recipientName(),
                            phones.mask(row.phoneNumber()), row.queue(), owner(row),
                            Times.span(w.start(), w.end(), w.zone()),
                            Times.span(w.start(), w.end(), zone.zone()), WindowView.of(w).note(), row.createdBy(),
                            row.createdBy().equals(actor.name()), mayEdit && changeable, mayCancel && changeable);
                }).toList();
    }

    /** A sticky callback's owner, for the list: {@code agent ana.souza} or {@code group vip}; null without one. */
    private static String owner(ScheduledCallbackRow row) {
        return row.ownerAgent() != null ? "agent " + row.ownerAgent()
                : row.ownerGroup() != null ? "group " + row.ownerGroup() : null;
    }

    private String openWhen(Callback c, AgentZone.Resolved zone) {
        if (c.origin().equals(scheduled.origin())) {
            return scheduled.find(c.id()).map(row -> "window " + Times.span(row.window().start(), row.window().end(),
                    row.window().zone())).orElse("");
        }
        Instant at = c.requestedAt() != null ? c.requestedAt() : c.createdAt();
        return "since " + Times.at(at, zone.zone());
    }

    private Actor actor() {
        return new Actor(user.name(), user.has(Permissions.CALLBACKS_SUPERVISE));
    }

    private static ResponseStatusException notFound(UUID id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No scheduled callback " + id);
    }
}
