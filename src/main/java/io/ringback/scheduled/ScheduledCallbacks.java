package io.ringback.scheduled;

import io.camunda.client.api.command.ClientException;
import io.ringback.agent.AgentRegistry;
import io.ringback.callback.Actor;
import io.ringback.callback.Callback;
import io.ringback.callback.CallbackKind;
import io.ringback.callback.CallbackMessages;
import io.ringback.callback.CallbackMetrics;
import io.ringback.callback.CallbackOrigin;
import io.ringback.callback.CallbackRepository;
import io.ringback.callback.CallbackRepository.Change;
import io.ringback.callback.CallbackRepository.NewCallback;
import io.ringback.callback.CallbackStatus;
import io.ringback.directory.Agent;
import io.ringback.directory.AgentDirectory;
import io.ringback.process.CallTarget;
import io.ringback.process.CallbackProcess.Messages;
import io.ringback.process.MessageOutbox;
import io.ringback.process.OutboundMessage;
import io.ringback.process.ProcessMessages;
import io.ringback.process.ProcessProperties;
import io.ringback.scheduled.CallbackSchedules.NoScheduleException;
import io.ringback.scheduled.CallbackSchedules.Opening;
import io.ringback.scheduled.CallbackSchedules.Schedule;
import io.ringback.scheduled.ScheduledCallbackRules.Checked;
import io.ringback.security.Permissions;
import io.ringback.support.CallbackLogContext;
import io.ringback.support.ConflictException;
import io.ringback.support.ForbiddenException;
import io.ringback.support.InvalidRequestException;
import io.ringback.support.PhoneNumbers;
import io.ringback.support.UnavailableException;
import io.ringback.timecondition.TimeConditionCalendar.UnknownTimeConditionException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduled callbacks (SPEC §3): an agent or an API client asks for a call in a window of the
 * customer's time zone. Created, changed and deleted here — each in one transaction with its history
 * entry and its message to the model (through the outbox) — until the window starts; then the model
 * calls the customer with {@code call-customer}, the window's end as the deadline.
 */
@Service
public class ScheduledCallbacks implements CallbackKind {

    private static final Logger log = LoggerFactory.getLogger(ScheduledCallbacks.class);
    private static final DateTimeFormatter HOURS = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter PROTOCOL_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final ScheduledCallbackRules rules;
    private final ScheduledCallbackRepository scheduled;
    private final CallbackRepository callbacks;
    private final CallbackSchedules schedules;
    private final AgentDirectory directory;
    private final AgentRegistry registry;
    private final MessageOutbox outbox;
    private final ProcessMessages messages;
    private final CallbackMessages callbackMessages;
    private final ProcessProperties processProperties;
    private final ScheduledProperties properties;
    private final CallbackMetrics metrics;
    private final PhoneNumbers phones;
    private final TransactionTemplate tx;

    ScheduledCallbacks(ScheduledCallbackRules rules, ScheduledCallbackRepository scheduled, CallbackRepository callbacks,
                       CallbackSchedules schedules, AgentDirectory directory, AgentRegistry registry, MessageOutbox outbox,
                       ProcessMessages messages, CallbackMessages callbackMessages, ProcessProperties processProperties,
                       ScheduledProperties properties, CallbackMetrics metrics, PhoneNumbers phones,
                       TransactionTemplate tx) {
        this.rules = rules;
        this.scheduled = scheduled;
        this.callbacks = callbacks;
        this.schedules = schedules;
        this.directory = directory;
        this.registry = registry;
        this.outbox = outbox;
        this.messages = messages;
        this.callbackMessages = callbackMessages;
        this.processProperties = processProperties;
        this.properties = properties;
        this.metrics = metrics;
        this.phones = phones;
        this.tx = tx;
    }

    /** A created callback and what the user should know about it (another callback already open for the number). */
    public record Created(ScheduledCallbackRow callback, List<String> warnings) {}

    // ------------------------------------------------------------------ create, change, delete

    public Created create(ScheduledCallbackRequest request, Actor actor) {
        Instant now = rules.now();
        Checked checked = rules.check(request, now);
        checkQueueAndWindow(checked, actor, now);
        CallTarget target = target(checked, actor);
        List<Callback> open = callbacks.openCallbacksOf(checked.phoneNumber());
        List<String> warnings = open.stream().map(this::describe).toList();
        if (!open.isEmpty() && properties.whenNumberHasOpenCallback() == ScheduledProperties.OnOpenCallback.REFUSE) {
            throw new ConflictException("The number already has " + open.size() + " open callback(s): "
                    + String.join("; ", warnings) + ". Change or delete it instead of scheduling another.");
        }
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(status -> {
            String protocol = protocol(checked.interactionId(), now);
            callbacks.insertRequested(new NewCallback(id, CallbackOrigin.SCHEDULED.name(), target,
                    checked.phoneNumber(), checked.phoneNumberAsGiven(), checked.recipientName(), now, actor.name()));
            scheduled.insert(id, checked.window(), checked.reason(), protocol, checked.owner().waitSeconds());
            callbacks.recordChange(id, actor.name(), Change.CREATED, "window " + describe(checked.window())
                    + ", queue " + checked.queue() + (target.hasOwner() ? ", owner " + target.owner() : "")
                    + ", protocol " + protocol);
            outbox.enqueue(startMessage(id, checked.queue(), checked.window(), checked.phoneNumber()));
        });
        metrics.callbackStarted(origin());
        try (var logContext = CallbackLogContext.open(id)) {
            log.info("Scheduled callback {} created by {} for {} in queue {}, window {}", id, actor.name(),
                    phones.mask(checked.phoneNumber()), checked.queue(), describe(checked.window()));
        }
        return new Created(scheduled.find(id).orElseThrow(), warnings);
    }

    /** Replaces the callback's fields; the model moves its wait (or its queue) to the new values. */
    public ScheduledCallbackRow change(UUID id, ScheduledCallbackRequest request, Actor actor) {
        Instant now = rules.now();
        ScheduledCallbackRow before = scheduled.find(id).orElseThrow(() -> new UnknownScheduledCallbackException(id));
        checkChangeable(before, actor, now, Permissions.CALLBACKS_EDIT, "changed");
        Checked checked = rules.check(request, now);
        if (checked.interactionId() != null) {
            throw new InvalidRequestException("interactionId", "is set when the callback is created; the protocol "
                    + before.protocol() + " stays");
        }
        checkQueueAndWindow(checked, actor, now);
        CallTarget target = target(checked, actor);
        tx.executeWithoutResult(status -> {
            ScheduledCallbackRow locked = scheduled.lock(id).orElseThrow(() -> new UnknownScheduledCallbackException(id));
            checkChangeable(locked, actor, rules.now(), Permissions.CALLBACKS_EDIT, "changed");
            int revision = scheduled.update(id, checked.phoneNumber(), checked.phoneNumberAsGiven(), checked.recipientName(),
                    target, checked.owner().waitSeconds(), checked.window(), checked.reason());
            callbacks.recordChange(id, actor.name(), Change.EDITED, changes(locked, checked, target));
            outbox.enqueue(new OutboundMessage(Messages.SCHEDULED_CALLBACK_CHANGED, id.toString(),
                    "changed/" + id + "/" + revision, processProperties.outcomeMessageTtl(), Map.of("revision", revision)));
        });
        try (var logContext = CallbackLogContext.open(id)) {
            log.info("Scheduled callback {} changed by {}: window {}", id, actor.name(), describe(checked.window()));
        }
        return scheduled.find(id).orElseThrow();
    }

    /** Deletes (cancels) the callback before its window: it ends {@code CANCELLED} at once, and its instance ends. */
    public void delete(UUID id, Actor actor) {
        tx.executeWithoutResult(status -> {
            ScheduledCallbackRow locked = scheduled.lock(id).orElseThrow(() -> new UnknownScheduledCallbackException(id));
            checkChangeable(locked, actor, rules.now(), Permissions.CALLBACKS_CANCEL, "deleted");
            callbacks.cancelRequested(id, actor.name());
            callbacks.recordChange(id, actor.name(), Change.CANCEL_REQUESTED, "deleted before the window");
            callbacks.end(id, CallbackStatus.CANCELLED, "deleted by " + actor.name() + " before the window");
            callbackMessages.cancel(id, "deleted before the window");
        });
        metrics.callbackEnded(origin(), CallbackStatus.CANCELLED);
        try (var logContext = CallbackLogContext.open(id)) {
            log.info("Scheduled callback {} deleted by {}", id, actor.name());
        }
    }

    // ------------------------------------------------------------------ reading

    /** Now, by the application's clock (what "the window has started" is measured against). */
    public Instant now() {
        return rules.now();
    }

    public Optional<ScheduledCallbackRow> find(UUID id) {
        return scheduled.find(id);
    }

    /**
     * @param number in any typed form; normalised as the stored numbers are
     */
    public List<ScheduledCallbackRow> search(String number, String queue, String createdBy, CallbackStatus status,
                                             Instant from, Instant to, int limit, int offset) {
        String normalised = null;
        if (number != null) {
            normalised = phones.normalise(number).orElseThrow(() ->
                    new InvalidRequestException("number", "must be a phone number of 3 to 20 digits"));
        }
        return scheduled.search(new ScheduledCallbackRepository.Filter(normalised, queue, createdBy, status, from, to),
                limit, offset);
    }

    /**
     * The queues {@code user} may schedule callbacks in, sorted: by the rule {@link #create} checks, those
     * the agent directory says they serve, or, for a user who is not in the directory (a supervisor, an
     * administrator), every active queue. Whether a queue takes scheduled callbacks at all is its
     * schedule's business ({@link #schedule}).
     */
    public List<String> queuesFor(String user) {
        Optional<Agent> agent = directory.find(user);
        if (agent.isPresent()) {
            return agent.get().queues().stream().sorted().toList(); // a queue an agent of the directory serves is active
        }
        SortedSet<String> active = new TreeSet<>(registry.queues());
        directory.all().forEach(a -> active.addAll(a.queues()));
        return List.copyOf(active);
    }

    /** Active: the PBX reports members of the queue, or an agent of the directory serves it. */
    private boolean active(String queue) {
        return registry.queues().contains(queue) || !directory.search(null, queue).isEmpty();
    }

    /**
     * Every callback of any kind that has not ended for the number, oldest first: what the agent should
     * see before scheduling another (and what {@link #create} warns about).
     *
     * @param number in any typed form
     * @throws InvalidRequestException naming {@code phoneNumber} when it is no phone number
     */
    public List<Callback> openCallbacksOf(String number) {
        String normalised = phones.normalise(number).orElseThrow(() ->
                new InvalidRequestException("phoneNumber", "is not a phone number that can be dialed"));
        return callbacks.openCallbacksOf(normalised);
    }

    /**
     * The window as {@link #create} would take it, by the same rules, from now.
     *
     * @throws InvalidRequestException naming {@code windowStart}, {@code windowEnd} or {@code timeZone}
     */
    public ScheduledWindow window(String windowStart, String windowEnd, String timeZone) {
        return rules.checkWindow(windowStart, windowEnd, timeZone, rules.now());
    }

    /**
     * Whether the actor may change or delete the callback now (with {@code callbacks:edit} or
     * {@code callbacks:cancel}, which the URL rules check): their own, or anybody's for a supervisor, and
     * only until its window starts. What {@link #change} and {@link #delete} enforce.
     */
    public boolean mayChange(ScheduledCallbackRow row, Actor actor) {
        return actor.mayChange(row.createdBy()) && row.changeableAt(rules.now());
    }

    /** The queue's schedule for the next {@code days} days, from now. */
    public Schedule schedule(String queue, int days) {
        try {
            return schedules.of(queue, rules.now(), days);
        } catch (NoScheduleException | UnknownTimeConditionException e) {
            throw new InvalidRequestException("queue", e.getMessage());
        } catch (ClientException e) {
            throw engineUnreachable(e);
        }
    }

    // ------------------------------------------------------------------ the model's steps

    /** What the model reads when it starts waiting, after a change, and when the window starts. */
    /**
     * @param target who takes the call: the queue, or its owner (an agent or a group)
     * @param ownerWaitSeconds the callback's own owner wait; null: the dial policy's
     */
    public record WindowState(State state, ScheduledWindow window, CallTarget target, Integer ownerWaitSeconds) {
        public enum State { WAIT, OPEN, MOVED, CANCELLED }

        static WindowState of(State state, ScheduledCallbackRow row) {
            return new WindowState(state, row.window(), row.target(), row.ownerWaitSeconds());
        }

        public String queue() {
            return target.queue();
        }
    }

    /** The instance registered: the callback waits for its window. */
    public WindowState registered(UUID id) {
        scheduled.scheduled(id);
        ScheduledCallbackRow row = scheduled.find(id).orElseThrow(() -> new UnknownScheduledCallbackException(id));
        return WindowState.of(row.status().isEnd() ? WindowState.State.CANCELLED : WindowState.State.WAIT, row);
    }

    /** A change was announced: the current window, to wait for. */
    public WindowState current(UUID id) {
        ScheduledCallbackRow row = scheduled.find(id).orElseThrow(() -> new UnknownScheduledCallbackException(id));
        return WindowState.of(row.status().isEnd() ? WindowState.State.CANCELLED : WindowState.State.WAIT, row);
    }

    /**
     * The timer of {@code waitedFor} fired: the window opens (the callback becomes {@code PENDING}) unless
     * it was moved meanwhile (an edit that the model has not heard of yet) or deleted.
     */
    public WindowState windowStarts(UUID id, Instant waitedFor) {
        return tx.execute(status -> {
            ScheduledCallbackRow row = scheduled.lock(id).orElseThrow(() -> new UnknownScheduledCallbackException(id));
            if (row.status().isEnd()) {
                return WindowState.of(WindowState.State.CANCELLED, row);
            }
            if (!row.window().start().equals(waitedFor)) {
                return WindowState.of(WindowState.State.MOVED, row);
            }
            scheduled.open(id);
            return WindowState.of(WindowState.State.OPEN, row);
        });
    }

    // ------------------------------------------------------------------ the start outbox

    @Override
    public String origin() {
        return CallbackOrigin.SCHEDULED.name();
    }

    @Override
    public void publishStart(Callback callback) {
        var row = scheduled.find(callback.id());
        if (row.isEmpty()) {
            log.error("Scheduled callback {} has no scheduled_callback row; it cannot be started", callback.id());
            return;
        }
        try {
            messages.publish(startMessage(callback.id(), row.get().queue(), row.get().window(), callback.phoneNumber()));
        } catch (RuntimeException e) {
            log.warn("Starting the process of scheduled callback {} failed ({}); it will be retried", callback.id(),
                    e.getMessage());
        }
    }

    private OutboundMessage startMessage(UUID id, String queue, ScheduledWindow window, String phoneNumber) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("callbackId", id.toString());
        vars.put("origin", CallbackOrigin.SCHEDULED.name());
        vars.put("queue", queue);
        vars.put("windowStart", window.start().toString());
        vars.put("windowEnd", window.end().toString());
        vars.put("callerMasked", phones.mask(phoneNumber));
        return new OutboundMessage(Messages.SCHEDULED_CALLBACK_REQUESTED, id.toString(), "scheduled/" + id,
                processProperties.startMessageTtl(), vars);
    }

    // ------------------------------------------------------------------ rules that need the directory and the engine

    private void checkChangeable(ScheduledCallbackRow row, Actor actor, Instant now, String permission, String verb) {
        if (!actor.mayChange(row.createdBy())) {
            throw new ForbiddenException("Callback " + row.id() + " was scheduled by " + row.createdBy() + ": a callback "
                    + "somebody else scheduled can only be " + verb + " with " + permission + " and "
                    + Permissions.CALLBACKS_SUPERVISE, Permissions.CALLBACKS_SUPERVISE);
        }
        if (row.status().isEnd()) {
            throw new ConflictException("Callback " + row.id() + " has ended (" + row.status() + "): it can no longer be "
                    + verb);
        }
        if (!row.changeableAt(now)) {
            throw new ConflictException("The window of callback " + row.id() + " started at " + describe(row.window())
                    + ": from then on it can only be seen, not " + verb);
        }
    }

    private void checkQueueAndWindow(Checked checked, Actor actor, Instant now) {
        String queue = checked.queue();
        Optional<Agent> agent = directory.find(actor.name());
        if (agent.isPresent() && !agent.get().queues().contains(queue)) {
            throw new InvalidRequestException("queue", "is not one of your queues (" + String.join(", ",
                    agent.get().queues()) + ", by the agent directory)");
        }
        if (!active(queue)) {
            throw new InvalidRequestException("queue", "is not an active queue: the PBX reports no member of it and no "
                    + "agent of the directory serves it");
        }
        Schedule schedule;
        try {
            // only the days around the window (it is at most 8 hours long): reading the schedule from now to a window
            // 31 days ahead costs thousands of decision evaluations per request (HttpFuzzTest: tens of seconds a request
            // on a busy machine), and any agent may send many
            Instant from = checked.window().start().minus(Duration.ofDays(1));
            schedule = schedules.of(queue, from.isAfter(now) ? from : now, 2);
        } catch (NoScheduleException | UnknownTimeConditionException e) {
            throw new InvalidRequestException("queue", e.getMessage());
        } catch (ClientException e) {
            throw engineUnreachable(e);
        }
        if (schedule.holding(checked.window()).isEmpty()) {
            List<Opening> sameDay = schedule.onDayOf(checked.window());
            String day = checked.window().start().atZone(java.time.ZoneId.of(schedule.timeZone())).toLocalDate().toString();
            String hours = sameDay.isEmpty() ? "takes no scheduled callbacks on " + day
                    : "takes scheduled callbacks on " + day + " " + sameDay.stream()
                            .map(o -> HOURS.format(o.start()) + "–" + HOURS.format(o.end())).collect(Collectors.joining(", "));
            throw new InvalidRequestException("windowStart", "the window is outside the schedule of queue " + queue + ": it "
                    + hours + " (" + schedule.timeZone() + "); the whole window must lie in one opening");
        }
    }

    /**
     * The callback's target: the queue, or its owner — an agent of the directory who serves the queue
     * ({@code me}: the user scheduling it), or a group with an agent who serves it.
     */
    private CallTarget target(Checked checked, Actor actor) {
        var owner = checked.owner();
        String queue = checked.queue();
        if (owner.isNone()) {
            return CallTarget.queue(queue);
        }
        if (owner.group() != null) {
            if (directory.search(owner.group(), queue).isEmpty()) {
                throw new InvalidRequestException("ownerGroup", "no agent of group " + owner.group() + " serves queue "
                        + queue + " (by the agent directory)");
            }
            return new CallTarget(queue, owner.group(), null);
        }
        boolean me = ScheduledCallbackRules.ME.equals(owner.agent());
        String userId = me ? actor.name() : owner.agent();
        Agent agent = directory.find(userId).orElseThrow(() -> new InvalidRequestException("ownerAgent",
                me ? "is me, but you (" + actor.name() + ") are not an agent of the directory"
                        : "is not an agent of the directory: " + userId));
        if (!agent.queues().contains(queue)) {
            throw new InvalidRequestException("ownerAgent", userId + " does not serve queue " + queue + " (serves "
                    + String.join(", ", agent.queues()) + ")");
        }
        return new CallTarget(queue, null, userId);
    }

    private static UnavailableException engineUnreachable(ClientException e) {
        return new UnavailableException("The process engine cannot be reached to read the queue's schedule; nothing was "
                + "stored. Try again in a moment.", e);
    }

    private String protocol(String interactionId, Instant now) {
        String candidate = PROTOCOL_DATE.format(now) + String.format("%08d", scheduled.nextProtocolSequence() % 100_000_000);
        if (interactionId != null) {
            return scheduled.protocolOfInteraction(interactionId, candidate);
        }
        scheduled.insertProtocol(candidate);
        return candidate;
    }

    private String describe(Callback c) {
        return c.origin() + " callback " + c.id() + " in queue " + c.queue() + " (" + c.status() + ")";
    }

    static String describe(ScheduledWindow w) {
        return w.startLocal().toLocalDate() + " " + HOURS.format(w.startLocal()) + "–" + HOURS.format(w.endLocal())
                + (w.endLocal().toLocalDate().equals(w.startLocal().toLocalDate()) ? "" : " (" + w.endLocal().toLocalDate() + ")")
                + " " + w.zone().getId();
    }

    private static String changes(ScheduledCallbackRow before, Checked after, CallTarget target) {
        List<String> changes = new ArrayList<>();
        if (!before.window().startLocal().equals(after.window().startLocal())
                || !before.window().endLocal().equals(after.window().endLocal())
                || !before.window().zone().equals(after.window().zone())) {
            changes.add("window " + describe(before.window()) + " → " + describe(after.window()));
        }
        if (!before.queue().equals(after.queue())) {
            changes.add("queue " + before.queue() + " → " + after.queue());
        }
        if (!before.phoneNumber().equals(after.phoneNumber())) {
            changes.add("phone number");
        }
        if (!before.recipientName().equals(after.recipientName())) {
            changes.add("recipient name");
        }
        if (!java.util.Objects.equals(before.reason(), after.reason())) {
            changes.add("reason");
        }
        if (!java.util.Objects.equals(before.target().owner(), target.owner())) {
            changes.add("owner " + ownerOrNone(before.target()) + " → " + ownerOrNone(target));
        }
        if (!java.util.Objects.equals(before.ownerWaitSeconds(), after.owner().waitSeconds())) {
            changes.add("owner wait " + waitOrPolicy(before.ownerWaitSeconds()) + " → "
                    + waitOrPolicy(after.owner().waitSeconds()));
        }
        return changes.isEmpty() ? "nothing changed" : String.join("; ", changes);
    }

    private static String ownerOrNone(CallTarget target) {
        return target.hasOwner() ? target.owner() : "none";
    }

    private static String waitOrPolicy(Integer seconds) {
        return seconds == null ? "the dial policy's" : seconds + " s";
    }

    /** No scheduled callback has this id. */
    public static final class UnknownScheduledCallbackException extends RuntimeException {
        UnknownScheduledCallbackException(UUID id) {
            super("No scheduled callback " + id);
        }
    }
}
