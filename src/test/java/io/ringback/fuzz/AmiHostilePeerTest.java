package io.ringback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringback.telephony.AmiConnection;
import io.ringback.telephony.AmiEventTranslator;
import io.ringback.telephony.AmiProperties;
import io.ringback.telephony.AmiRejections;
import io.ringback.telephony.PbxEvents.CallerAbandoned;
import io.ringback.telephony.PbxEvents.OriginateReported;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Hostile input, proven harmless, over AMI: a hostile peer speaks the AMI protocol to the real
 * {@link AmiConnection} (asterisk-java underneath) over TCP, logs it in, then sends a seeded mix of valid
 * abandons and malformed frames — missing and duplicated headers, non-numeric and huge numbers, NUL bytes,
 * bytes that are not UTF-8, huge values, a frame without its blank line, line breaks inside a value, lines
 * that are not headers, a flood of unknown events, OriginateResponses without an ActionID or with an
 * impossible Reason. Each malformed frame is rejected loudly (counted in {@code ringback_ami_events_rejected_total}
 * by event and field, logged once), the session is kept (one login, no disconnect) and every valid abandon
 * around them arrives, in order. {@code -Dringback.fuzz.seed}, {@code -Dringback.fuzz.ami.frames}.
 */
class AmiHostilePeerTest {

    static final long SEED = Long.getLong("ringback.fuzz.seed", 20_261_121L);
    static final int FRAMES = Integer.getInteger("ringback.fuzz.ami.frames", 600);
    static final int FLOOD = 2_000;

    /** One thing the peer sends: its bytes, the valid abandon it carries (or null), the rejection it must cause. */
    record Item(String kind, byte[] bytes, String validUniqueId, String event, String field, int rejections) {}

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<CallerAbandoned> abandons = new CopyOnWriteArrayList<>();
    private final List<OriginateReported> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile OutputStream toClient;
    private ServerSocket server;
    private AmiConnection connection;
    private ListAppender<ILoggingEvent> log;

    @AfterEach
    void stop() throws IOException {
        if (connection != null) {
            connection.stop();
        }
        if (server != null) {
            server.close();
        }
        if (log != null) {
            ((Logger) LoggerFactory.getLogger(AmiRejections.class)).detachAppender(log);
        }
    }

    @Test
    void malformedFramesAreRejectedLoudlyTheSessionIsKeptAndNoValidEventAroundThemIsLost() throws Exception {
        startPeer();
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(AmiRejections.class)).addAppender(log);
        var properties = new AmiProperties("127.0.0.1", server.getLocalPort(), "ringback", "ringback",
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), 10_000, "hostile-peer");
        var rejections = new AmiRejections(meters, Clock.systemUTC());
        var translator = new AmiEventTranslator(event -> {
            if (event instanceof CallerAbandoned abandon) {
                abandons.add(abandon);
            } else if (event instanceof OriginateReported outcome) {
                outcomes.add(outcome);
            }
        }, properties, rejections, Clock.systemUTC());
        connection = new AmiConnection(properties, translator, Clock.systemUTC());
        connection.start();
        await().atMost(Duration.ofSeconds(20)).until(connection::isConnected);

        SplittableRandom random = new SplittableRandom(SEED);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            Item item = random.nextInt(3) == 0 ? valid("v" + i) : hostile(random, i);
            items.add(item);
            if (item.field() != null && item.field().equals("frame-end")) {
                items.add(valid("after" + i)); // what follows a frame without its end is read as its rest: let it be an event
            }
        }
        items.add(valid("last"));
        long started = System.nanoTime();
        for (Item item : items) {
            send(item.bytes());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> abandons.stream().anyMatch(a -> a.uniqueId().startsWith("last.")));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        Map<String, Integer> expected = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        for (Item item : items) {
            kinds.merge(item.kind(), 1, Integer::sum);
            if (item.rejections() > 0) {
                expected.merge(item.event() + "/" + item.field(), item.rejections(), Integer::sum);
            }
        }
        Map<String, Integer> counted = new TreeMap<>();
        for (Counter c : meters.find("ringback.ami.events.rejected").counters()) {
            counted.put(c.getId().getTag("event") + "/" + c.getId().getTag("field"), (int) c.count());
        }
        int frames = items.stream().mapToInt(i -> i.rejections() > 1 ? i.rejections() : 1).sum();
        System.out.printf("AMI hostile peer (seed %d): %d frames (%d items) in %d ms: %s%n  rejected: %s%n  log lines: %d%n",
                SEED, frames, items.size(), millis, kinds, counted, log.list.size());

        List<String> validIds = items.stream().map(Item::validUniqueId).filter(java.util.Objects::nonNull).toList();
        assertThat(abandons).extracting(CallerAbandoned::uniqueId).as("every valid abandon, in order").containsExactlyElementsOf(validIds);
        assertThat(counted).as("every malformed frame rejected, counted by event and field").isEqualTo(expected);
        assertThat(connection.disconnects()).as("the session is kept").isZero();
        assertThat(connections.get()).as("one connection, one login").isEqualTo(1);
        assertThat(logins.get()).isEqualTo(1);
        assertThat(connection.isConnected()).isTrue();
        assertThat(log.list).as("each kind of rejection logged once, with its context (floods too)")
                .hasSize(expected.size());
        assertThat(log.list).allSatisfy(line -> assertThat(line.getFormattedMessage()).startsWith("Rejected AMI ")
                .doesNotContain("\r", "\n", "\u0000"));
    }

    // ------------------------------------------------------------------ what the peer sends

    private static Item valid(String id) {
        String uniqueId = id + "." + Math.abs(id.hashCode());
        return new Item("valid abandon", frame(abandon(uniqueId, "support", "40", "+5511912340000", "Valid")), uniqueId,
                null, null, 0);
    }

    private static List<String> abandon(String uniqueId, String queue, String holdTime, String number, String name) {
        List<String> lines = new ArrayList<>(List.of("Event: QueueCallerAbandon", "Privilege: agent,all",
                "Channel: PJSIP/trunk-00000001", "Uniqueid: " + uniqueId, "Linkedid: " + uniqueId));
        if (number != null) {
            lines.add("CallerIDNum: " + number);
        }
        if (name != null) {
            lines.add("CallerIDName: " + name);
        }
        if (queue != null) {
            lines.add("Queue: " + queue);
        }
        lines.add("Position: 1");
        lines.add("OriginalPosition: 1");
        if (holdTime != null) {
            lines.add("HoldTime: " + holdTime);
        }
        return lines;
    }

    private static Item hostile(SplittableRandom random, int i) {
        String id = "h" + i + ".1";
        return switch (random.nextInt(22)) {
            case 0 -> item("missing Queue", abandon(id, null, "40", "+5511912340001", "X"), "QueueCallerAbandon", "queue");
            case 1 -> item("missing HoldTime", abandon(id, "support", null, "+5511912340001", "X"), "QueueCallerAbandon", "holdtime");
            case 2 -> item("missing CallerIDNum", abandon(id, "support", "40", null, "X"), "QueueCallerAbandon", "calleridnum");
            case 3 -> {
                List<String> lines = abandon(id, "support", "40", "+5511912340001", "X");
                lines.add("Queue: sales");
                yield item("duplicated Queue", lines, "QueueCallerAbandon", "duplicate-header");
            }
            case 4 -> item("non-numeric HoldTime", abandon(id, "support", random.nextBoolean() ? "forty" : "4O", "+5511912340001", "X"),
                    "QueueCallerAbandon", "holdtime");
            case 5 -> item("huge HoldTime", abandon(id, "support", random.nextBoolean() ? "99999999999999999999" : "86401",
                    "+5511912340001", "X"), "QueueCallerAbandon", "holdtime");
            case 6 -> item("NUL byte", abandon(id, "support", "40", "+5511912340001", "Bo\u0000b"), "QueueCallerAbandon", "nul");
            case 7 -> {
                byte[] before = bytes(abandon(id, "support", "40", "+5511912340001", null));
                byte[] bad = "CallerIDName: Jos\u00c3(\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                byte[] notUtf8 = Hostile.concat(before, bad);
                yield new Item("invalid UTF-8", notUtf8, null, "QueueCallerAbandon", "encoding", 1);
            }
            case 8 -> item("huge value", abandon(id, "support", "40", "+5511912340001", "x".repeat(200_000)),
                    "QueueCallerAbandon", "line-length");
            case 9 -> {
                byte[] whole = frame(abandon(id, "support", "40", "+5511912340001", "X"));
                yield new Item("frame without its blank line", java.util.Arrays.copyOf(whole, whole.length - 2), null,
                        "QueueCallerAbandon", "frame-end", 1);
            }
            case 10 -> item("LF inside a value", abandon(id, "support\nAction: Originate", "40", "+5511912340001", "X"),
                    "QueueCallerAbandon", "line-break");
            case 11 -> item("CR inside a value", abandon(id, "sup\rport", "40", "+5511912340001", "X"),
                    "QueueCallerAbandon", "line-break");
            case 12 -> {
                StringBuilder flood = new StringBuilder();
                for (int k = 0; k < FLOOD; k++) {
                    flood.append("Event: RingbackNoSuchEvent").append(k % 7).append("\r\nPrivilege: all\r\nSeq: ").append(k)
                            .append("\r\n\r\n");
                }
                yield new Item("flood of unknown events", flood.toString().getBytes(StandardCharsets.UTF_8), null,
                        "unknown", "event", FLOOD);
            }
            case 13 -> item("OriginateResponse with a Reason that is not a number", originate("1_2#rb-x-1", "x"),
                    "OriginateResponse", "reason");
            case 14 -> item("OriginateResponse with an impossible Reason", originate("1_3#rb-x-1", "42"),
                    "OriginateResponse", "reason");
            case 15 -> random.nextBoolean()
                    ? item("OriginateResponse without ActionID", originate(null, "4"), "OriginateResponse", "actionid")
                    : item("OriginateResponse for an ActionID asterisk-java never sent", originate("foreign-" + i, "4"),
                            "OriginateResponse", "actionid");
            case 16 -> {
                List<String> lines = abandon(id, "support", "40", "+5511912340001", "X");
                lines.add(2, "this line is not a header");
                yield item("a line that is not a header", lines, "QueueCallerAbandon", "not-a-header");
            }
            case 17 -> item("neither Event nor Response", List.of("Foo: bar", "Baz: qux"), "frame", "type");
            case 18 -> item("Uniqueid with SQL in it", abandon("1796.1 OR 1=1", "support", "40", "+5511912340001", "X"),
                    "QueueCallerAbandon", "uniqueid");
            case 19 -> item("a queue that is a path", abandon(id, "../../etc/passwd", "40", "+5511912340001", "X"),
                    "QueueCallerAbandon", "queue");
            case 20 -> item("a channel variable with a control character",
                    withLine(abandon(id, "support", "40", "+5511912340001", "X"), "ChanVariable: CB_CALLBACK_ID=\u0007x"),
                    "QueueCallerAbandon", "chanvariable");
            default -> item("a response with its ActionID twice",
                    List.of("Response: Success", "ActionID: 1#a", "ActionID: 1#b", "Message: twice"), "Response",
                    "duplicate-header");
        };
    }

    private static List<String> withLine(List<String> lines, String line) {
        List<String> copy = new ArrayList<>(lines);
        copy.add(line);
        return copy;
    }

    private static List<String> originate(String actionId, String reason) {
        List<String> lines = new ArrayList<>(List.of("Event: OriginateResponse", "Privilege: call,all"));
        if (actionId != null) {
            lines.add("ActionID: " + actionId);
        }
        lines.addAll(List.of("Response: Failure", "Channel: Local/9555@outbound", "Context: callback", "Exten: s",
                "Reason: " + reason, "Uniqueid: <unknown>", "CallerIDNum: <unknown>", "CallerIDName: <unknown>"));
        return lines;
    }

    private static Item item(String kind, List<String> lines, String event, String field) {
        return new Item(kind, frame(lines), null, event, field, 1);
    }

    private static byte[] frame(List<String> lines) {
        return Hostile.concat(bytes(lines), "\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(List<String> lines) {
        StringBuilder s = new StringBuilder();
        lines.forEach(l -> s.append(l).append("\r\n"));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ the peer

    private void send(byte[] bytes) throws IOException {
        OutputStream out = toClient;
        synchronized (this) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Enough of Asterisk's manager protocol for asterisk-java to log in and read the queues. */
    private void startPeer() throws IOException {
        server = new ServerSocket(0);
        Thread.ofPlatform().daemon().name("hostile-peer").start(() -> {
            try {
                while (!server.isClosed()) {
                    Socket client = server.accept();
                    connections.incrementAndGet();
                    Thread.ofPlatform().daemon().start(() -> serve(client));
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
    }

    private void serve(Socket client) {
        try (client) {
            OutputStream out = client.getOutputStream();
            toClient = out;
            send("Asterisk Call Manager/11.0.0\r\n".getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
            Map<String, String> action = new java.util.HashMap<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isEmpty()) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        action.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
                    }
                    continue;
                }
                String id = action.getOrDefault("actionid", "");
                String name = action.getOrDefault("action", "").toLowerCase();
                String answer = switch (name) {
                    case "challenge" -> "Response: Success\r\nActionID: " + id + "\r\nChallenge: 145742247\r\n\r\n";
                    case "login" -> {
                        logins.incrementAndGet();
                        yield "Response: Success\r\nActionID: " + id + "\r\nMessage: Authentication accepted\r\n\r\n";
                    }
                    case "coresettings" -> "Response: Success\r\nActionID: " + id
                            + "\r\nAMIversion: 11.0.0\r\nAsteriskVersion: 22.10.1\r\n\r\n";
                    case "queuestatus" -> "Response: Success\r\nActionID: " + id + "\r\nEventList: start\r\n"
                            + "Message: Queue status will follow\r\n\r\nEvent: QueueStatusComplete\r\nActionID: " + id
                            + "\r\nEventList: Complete\r\nListItems: 0\r\n\r\n";
                    default -> "Response: Success\r\nActionID: " + id + "\r\n\r\n";
                };
                send(answer.getBytes(StandardCharsets.UTF_8));
                action.clear();
            }
        } catch (IOException gone) {
            // the client closed the connection
        }
    }
}
