package io.ringback.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers AMI actions the way Asterisk 22 does (see {@code shared/ami-transcripts/}): Challenge,
 * Login, Logoff, Ping, CoreSettings, QueueStatus, QueuePause and Originate. Anything else is an
 * unknown command; everything but Challenge, Login and Logoff needs a logged-in session.
 */
final class AmiActions implements ActionHandler {

    /** Asterisk sleeps this long before answering a failed login, to slow down guessing. */
    private static final Duration FAILED_LOGIN_DELAY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(AmiActions.class);

    private final SimulatorConfig config;
    private final QueueEngine queues;
    private final Originator originator;
    private final Clock clock;
    private final Instant bootTime;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean answerOriginates = true;

    AmiActions(SimulatorConfig config, QueueEngine queues, Originator originator, Clock clock, Instant bootTime) {
        this.config = config;
        this.queues = queues;
        this.originator = originator;
        this.clock = clock;
        this.bootTime = bootTime;
    }

    /**
     * Whether an async Originate gets its {@code Response: Success} (the call is placed either way):
     * off, the client's action times out while the customer's phone rings, as when Asterisk is slow
     * to answer or the response is lost.
     */
    void answerOriginates(boolean answer) {
        answerOriginates = answer;
    }

    @Override
    public void handle(ClientSession session, AmiMessage request) {
        String actionId = request.get("ActionID");
        String action = request.get("Action");
        if (action == null || action.isEmpty()) {
            session.send(error(actionId, "Missing action in request"));
            return;
        }
        String name = action.toLowerCase(Locale.ROOT);
        if (!session.isAuthenticated() && !name.equals("challenge") && !name.equals("login") && !name.equals("logoff")) {
            session.send(error(actionId, "Permission denied"));
            return;
        }
        switch (name) {
            case "challenge" -> challenge(session, request, actionId);
            case "login" -> login(session, request, actionId);
            case "logoff" -> logoff(session, actionId);
            case "ping" -> session.send(ping(actionId));
            case "coresettings" -> session.send(coreSettings(actionId));
            case "queuestatus" -> queueStatus(session, request, actionId);
            case "queuepause" -> queuePause(session, request, actionId);
            case "originate" -> originate(session, request, actionId);
            default -> session.send(error(actionId, "Invalid/unknown command"));
        }
    }

    private void challenge(ClientSession session, AmiMessage request, String actionId) {
        if (!"MD5".equalsIgnoreCase(request.get("AuthType"))) {
            session.send(error(actionId, "Must specify AuthType"));
            return;
        }
        if (session.challenge() == null) {
            session.challenge(String.valueOf(random.nextInt(100_000_000, 1_000_000_000)));
        }
        session.send(AmiMessage.response("Success", actionId).add("Challenge", session.challenge()).build());
    }

    private void login(ClientSession session, AmiMessage request, String actionId) {
        if (session.isAuthenticated()) {
            session.send(success(actionId, "Already authenticated"));
            return;
        }
        if (!credentialsValid(session, request)) {
            log.info("AMI session {}: authentication failed for user '{}'", session.id(), request.get("Username"));
            sleep(FAILED_LOGIN_DELAY);
            session.send(error(actionId, "Authentication failed"));
            session.closeAfterFlush();
            return;
        }
        session.send(success(actionId, "Authentication accepted"));
        session.send(AmiEvents.fullyBooted(Duration.between(bootTime, clock.instant()).toSeconds()));
        session.markAuthenticated();
        log.debug("AMI session {}: user '{}' logged in", session.id(), config.username());
    }

    /** A plain {@code Secret}, or with {@code AuthType: MD5} a {@code Key} = md5hex(challenge + secret). */
    private boolean credentialsValid(ClientSession session, AmiMessage request) {
        if (!config.username().equals(request.get("Username"))) {
            return false;
        }
        String key = request.get("Key");
        if ("MD5".equalsIgnoreCase(request.get("AuthType")) && key != null) {
            String challenge = session.challenge();
            return challenge != null
                    && sameText(key.toLowerCase(Locale.ROOT), md5Hex(challenge + config.secret()));
        }
        String secret = request.get("Secret");
        return secret != null && sameText(secret, config.secret());
    }

    /** Compares in constant time, so response timing does not reveal how much of a secret matched. */
    private static boolean sameText(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private void logoff(ClientSession session, String actionId) {
        session.send(AmiMessage.response("Goodbye", actionId).add("Message", "Thanks for all the fish.").build());
        session.closeAfterFlush();
    }

    private AmiMessage ping(String actionId) {
        Instant now = clock.instant();
        return AmiMessage.response("Success", actionId)
                .add("Ping", "Pong")
                .add("Timestamp", "%d.%06d".formatted(now.getEpochSecond(), now.getNano() / 1_000))
                .build();
    }

    /** Exactly the CoreSettings response of the Asterisk 22.10.1 in asterisk-java-wire.txt. */
    private static AmiMessage coreSettings(String actionId) {
        return AmiMessage.response("Success", actionId)
                .add("AMIversion", "11.0.0")
                .add("AsteriskVersion", "22.10.1")
                .add("SystemName", "")
                .add("CoreMaxCalls", 0)
                .add("CoreMaxLoadAvg", "0.000000")
                .add("CoreRunUser", "")
                .add("CoreRunGroup", "")
                .add("CoreMaxFilehandles", 0)
                .add("CoreRealTimeEnabled", "No")
                .add("CoreCDRenabled", "Yes")
                .add("CoreHTTPenabled", "No")
                .add("SoundsSearchCustomDir", "No")
                .build();
    }

    /** The response, then per queue QueueParams, its QueueMembers and QueueEntries, then QueueStatusComplete. */
    private void queueStatus(ClientSession session, AmiMessage request, String actionId) {
        String queueFilter = request.get("Queue");
        List<QueueSnapshot> snapshots = queues.status(queueFilter == null || queueFilter.isEmpty() ? null : queueFilter);
        session.send(AmiMessage.response("Success", actionId)
                .add("EventList", "start")
                .add("Message", "Queue status will follow")
                .build());
        int items = 0;
        for (QueueSnapshot queue : snapshots) {
            session.send(AmiEvents.queueParams(queue, actionId));
            items++;
            for (MemberSnapshot member : queue.members()) {
                session.send(AmiEvents.queueMember(member, actionId));
                items++;
            }
            for (QueueSnapshot.Entry entry : queue.entries()) {
                session.send(AmiEvents.queueEntry(queue.name(), entry, actionId));
                items++;
            }
        }
        session.send(AmiEvents.queueStatusComplete(items, actionId));
    }

    /** As status.txt: the response first, then QueueMemberPause per affected queue. */
    private void queuePause(ClientSession session, AmiMessage request, String actionId) {
        String memberInterface = request.get("Interface");
        String pausedHeader = request.get("Paused");
        if (memberInterface == null || memberInterface.isEmpty() || pausedHeader == null || pausedHeader.isEmpty()) {
            session.send(error(actionId, "Need 'Interface' and 'Paused' parameters."));
            return;
        }
        String queue = request.get("Queue");
        String queueName = queue == null || queue.isEmpty() ? null : queue;
        if (!queues.hasMember(queueName, memberInterface)) {
            session.send(error(actionId, "Interface not found"));
            return;
        }
        boolean paused = request.isTrue("Paused");
        session.send(success(actionId, paused ? "Interface paused successfully" : "Interface unpaused successfully"));
        queues.setMemberPaused(queueName, memberInterface, paused, request.get("Reason"));
    }

    /** Async: acknowledged at once, the outcome follows as an event. Sync: answered once the outcome is known. */
    private void originate(ClientSession session, AmiMessage request, String actionId) {
        OriginateRequest originate;
        try {
            originate = OriginateRequest.from(request, clock.instant());
        } catch (IllegalArgumentException invalid) {
            session.send(error(actionId, invalid.getMessage()));
            return;
        }
        if (originate.async() && answerOriginates) {
            session.send(success(actionId, "Originate successfully queued"));
        }
        originator.originate(originate, session::send);
    }

    private static AmiMessage success(String actionId, String message) {
        return AmiMessage.response("Success", actionId).add("Message", message).build();
    }

    private static AmiMessage error(String actionId, String message) {
        return AmiMessage.response("Error", actionId).add("Message", message).build();
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides MD5", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
