package io.ringback.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringback.fuzz.ApiSurface.Operation;
import io.ringback.fuzz.RequestGenerator.Kind;
import io.ringback.it.RingbackIntegrationTest;
import io.ringback.support.InputRule;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Hostile input, proven harmless, over HTTP: thousands of generated requests at every operation the OpenAPI
 * description lists (read at run time, so an endpoint added later is fuzzed too), each with one part made
 * hostile — a body field, the body as a whole, a path id, a query parameter, a header, the content type, the
 * login, the method. For every answer:
 *
 * <ul>
 *   <li>never a 5xx;
 *   <li>every 4xx is an RFC 7807 problem; every 400 has an {@code errors} list whose fields are the
 *       request's own, and names the field that was made hostile;
 *   <li>nothing accepted holds a control character or is longer than any rule allows (the answer, and every
 *       text column of the database at the end);
 *   <li>nothing accepted before changed: after each refused request, the seeded callback and agent (which
 *       hostile requests target by id) and the number of callbacks, abandons and agents are as they were.
 * </ul>
 *
 * <p>Seeded and bounded: {@code -Dringback.fuzz.seed} (default below) and {@code -Dringback.fuzz.http.tries}.
 * It prints what it tried. A failing request is shrunk (fields, characters, headers dropped while it still
 * fails) and printed ready to become a plain regression test ({@link HttpRegressionTest}).
 */
class HttpFuzzTest extends RingbackIntegrationTest {

    static final long SEED = Long.getLong("ringback.fuzz.seed", 20_261_121L);
    static final int TRIES = Integer.getInteger("ringback.fuzz.http.tries", 3_000);
    /** The longest text any rule takes (a caller name, a reason), in code points; answers may add a little. */
    static final int MAX_TEXT = 250;

    @LocalServerPort int port;
    @Autowired ObjectMapper mapper;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private ApiSurface api;
    private UUID seedCallback;
    private UUID seedScheduled;
    private final String seedAgent = "fuzz-seed";
    /** A window a scheduled callback of {@link #SCHEDULED_QUEUE} may have now, and its zone (valid values of those fields). */
    private Map<String, Object> scheduledWindow = Map.of();
    static final String SCHEDULED_QUEUE = "support";

    record Answer(int status, String contentType, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What went wrong; {@code kind} tells whether a shrunk request still fails the same way. */
    record Failure(String kind, String message) {}

    @BeforeEach
    void readTheApi() throws Exception {
        Answer docs = send(new FuzzRequest("GET", "/v3/api-docs", Map.of(), List.of(), Map.of("Accept", "application/json"),
                null, null, false, null, null));
        api = ApiSurface.of(mapper.readTree(docs.body()));
    }

    @Test
    void everyApiEndpointIsInTheDescriptionTheFuzzerReads() {
        Set<String> described = new TreeSet<>();
        api.operations().forEach(op -> described.add(op.method() + " " + op.path()));
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + p))));
        assertThat(described).as("operations the fuzzer will try").containsAll(mapped);
    }

    @Test
    void everyApiEndpointIsInTheTableOfInputRules() throws IOException {
        // docs/input-rules.md, one table of every input rule
        String rules = java.nio.file.Files.readString(java.nio.file.Path.of("docs/input-rules.md"));
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/"))
                .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + p))));
        assertThat(mapped).as("endpoints docs/input-rules.md names").allSatisfy(endpoint -> assertThat(rules).contains(endpoint));
    }

    @Test
    void hostileRequestsToEveryEndpointGetAProblemNamingTheFieldAndChangeNothing() throws Exception {
        Hostile hostile = new Hostile(SEED);
        seed();
        RequestGenerator generator = new RequestGenerator(api, hostile,
                path -> Map.of("id", (path.startsWith("/api/scheduled-callbacks") ? seedScheduled : seedCallback).toString(),
                        "userId", seedAgent),
                path -> path.startsWith("/api/scheduled-callbacks") ? scheduledWindow : Map.of());
        List<Operation> operations = api.operations().stream().filter(op -> op.path().startsWith("/api/")).toList();
        int perOperation = Math.max(1, TRIES / operations.size());

        Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();
        Map<String, Long> busy = new TreeMap<>();
        Map<Kind, Integer> kinds = new EnumMap<>(Kind.class);
        Map<String, String> failures = new LinkedHashMap<>();
        String before = fingerprint();
        long started = System.nanoTime();
        int sent = 0;
        for (Operation op : operations) {
            // every operation its share: a queue's schedule and a scheduled window's check are answered from the
            // time-condition calendar's memo after the first request for the same days
            int tries = perOperation;
            for (int i = 0; i < tries; i++) {
                Kind kind = generator.pickKind(op, true);
                FuzzRequest request = i == 0 ? generator.valid(op).mutated("nothing (the valid request)", null)
                        : generator.hostile(op, kind);
                kinds.merge(i == 0 ? Kind.SEVERAL : kind, i == 0 ? 0 : 1, Integer::sum);
                long sending = System.nanoTime();
                Answer answer = send(request);
                busy.merge(op.toString(), System.nanoTime() - sending, Long::sum);
                sent++;
                statuses.computeIfAbsent(op.toString(), k -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
                Optional<Failure> failure = check(op, request, answer);
                if (answer.status() / 100 == 2) {
                    seed();
                    before = fingerprint();
                } else if (failure.isEmpty()) {
                    String after = fingerprint();
                    if (!after.equals(before)) {
                        failure = Optional.of(new Failure("changed", "a refused request (" + answer.status()
                                + ") changed what was accepted before"));
                        before = after;
                    }
                }
                if (failure.isPresent()) {
                    String key = op + " / " + failure.get().kind() + " / " + request.mutated();
                    if (!failures.containsKey(key) && failures.size() < 25) {
                        failures.put(key, shrink(op, request, failure.get()));
                        seed();
                        before = fingerprint();
                    }
                }
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        List<String> stored = storedValuesThatBreakTheRules();

        System.out.printf("HTTP fuzz (seed %d): %d requests to %d operations in %d ms; what was made hostile: %s%n",
                SEED, sent, operations.size(), millis, kinds);
        statuses.forEach((op, counts) -> System.out.printf("  %-45s %5d ms  %s%n", op, busy.get(op) / 1_000_000, counts));
        failures.forEach((key, shrunk) -> System.out.printf("FAILED %s%n  shrunk: %s%n", key, shrunk));

        assertThat(failures).as("hostile requests that were not harmless (shrunk)").isEmpty();
        assertThat(stored).as("stored values with a control character or beyond every length rule").isEmpty();
        assertThat(sent).isGreaterThanOrEqualTo(Math.min(TRIES * 9 / 10, 1_000));
    }

    // ------------------------------------------------------------------ checks

    Optional<Failure> check(Operation op, FuzzRequest request, Answer answer) {
        int status = answer.status();
        if (status >= 500) {
            return Optional.of(new Failure("5xx", "answered " + status + ": " + abbreviate(answer.text())));
        }
        JsonNode json = null;
        if (answer.body().length > 0 && answer.contentType() != null && answer.contentType().contains("json")) {
            try {
                json = mapper.readTree(answer.body());
            } catch (IOException e) {
                return Optional.of(new Failure("not-json", "a body that is not JSON: " + abbreviate(answer.text())));
            }
        }
        if (status >= 400) {
            if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json") || json == null) {
                return Optional.of(new Failure("not-a-problem", status + " with " + answer.contentType() + ": "
                        + abbreviate(answer.text())));
            }
            if (json.path("status").asInt() != status || !json.path("title").isTextual()) {
                return Optional.of(new Failure("not-a-problem", "a problem without its status and title: " + json));
            }
            Optional<String> unsafe = unsafeText(json, 1_000);
            if (unsafe.isPresent()) {
                return Optional.of(new Failure("unsafe-echo", "the problem repeats a value it should not: " + unsafe.get()));
            }
            if (status == 400) {
                return checkFields(op, request, json);
            }
            return Optional.empty();
        }
        if (status / 100 == 2) {
            if (json != null) {
                Optional<String> unsafe = unsafeText(json, MAX_TEXT + 50);
                if (unsafe.isPresent()) {
                    return Optional.of(new Failure("accepted-unsafe", "the answer holds " + unsafe.get()));
                }
            }
            // the body is this operation's input only when the request has its method (a DELETE ignores a body)
            if (request.rawBody() == null && request.body() != null && request.method().equals(op.method())) {
                Set<String> known = api.fieldNames(op);
                Optional<String> unsafe = unsafeSent(request.body(), known, null);
                if (unsafe.isPresent()) {
                    return Optional.of(new Failure("accepted-unsafe", "accepted " + unsafe.get()));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Failure> checkFields(Operation op, FuzzRequest request, JsonNode problem) {
        JsonNode errors = problem.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            return Optional.of(new Failure("unnamed-field", "a 400 without an errors list: " + problem));
        }
        Set<String> known = new java.util.HashSet<>(api.fieldNames(op));
        if (!request.method().equals(op.method())) { // another method of the same path may be another operation
            api.operations().forEach(other -> known.addAll(api.fieldNames(other)));
        }
        List<String> named = new ArrayList<>();
        for (JsonNode e : errors) {
            String field = e.path("field").asText("");
            named.add(field);
            String root = field.replaceAll("[\\[.].*$", "");
            boolean inRawBody = request.rawBody() != null
                    && new String(request.rawBody(), StandardCharsets.UTF_8).contains("\"" + root + "\"");
            if (!known.contains(root) && !inRawBody && request.query().stream().noneMatch(q -> q[0].equals(field))) {
                return Optional.of(new Failure("unknown-field", "the problem names '" + field + "', not a field of "
                        + op + ": " + problem));
            }
            if (!e.path("message").isTextual() || e.path("message").asText().isBlank()) {
                return Optional.of(new Failure("unnamed-field", "an error without a message: " + problem));
            }
        }
        if (request.field() != null && named.stream().map(f -> f.replaceAll("[\\[.].*$", ""))
                .noneMatch(f -> f.equals(request.field()) || f.equals("path") && request.mutated().startsWith("path."))) {
            return Optional.of(new Failure("wrong-field " + named, "made " + request.field() + " hostile, the problem names "
                    + named + ": " + problem.path("detail").asText()));
        }
        return Optional.empty();
    }

    /** A string in the JSON that is not text, or longer than {@code max}. */
    static Optional<String> unsafeText(JsonNode json, int max) {
        if (json.isTextual()) {
            String s = json.asText();
            if (!InputRule.isText(s)) {
                return Optional.of("a control character in '" + InputRule.forLog(s) + "'");
            }
            if (s.codePointCount(0, s.length()) > max) {
                return Optional.of("a text of " + s.length() + " characters: '" + InputRule.forLog(s) + "'");
            }
            return Optional.empty();
        }
        for (JsonNode child : json) {
            Optional<String> found = unsafeText(child, max);
            if (found.isPresent()) {
                return found;
            }
        }
        var names = json.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!InputRule.isText(name)) {
                return Optional.of("a control character in the name '" + InputRule.forLog(name) + "'");
            }
        }
        return Optional.empty();
    }

    /** A value sent in a known field that an accepting endpoint must have refused. */
    private static Optional<String> unsafeSent(Object value, Set<String> known, String field) {
        if (value instanceof Map<?, ?> map) {
            for (var e : map.entrySet()) {
                if (known.contains(String.valueOf(e.getKey()))) {
                    Optional<String> found = unsafeSent(e.getValue(), known, String.valueOf(e.getKey()));
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                Optional<String> found = unsafeSent(item, known, field);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (value instanceof String s && field != null) {
            if (!InputRule.isText(s) || s.codePointCount(0, s.length()) > MAX_TEXT) {
                return Optional.of(field + " = '" + InputRule.forLog(s) + "' (" + s.length() + " characters)");
            }
        }
        return Optional.empty();
    }

    /** Every text column of every table: no control character, no text longer than any rule allows. */
    private List<String> storedValuesThatBreakTheRules() {
        List<String> offenders = new ArrayList<>();
        var columns = jdbc.sql("""
                select table_name, column_name from information_schema.columns
                where table_schema = 'public' and data_type in ('text', 'character varying')
                  and table_name not in ('flyway_schema_history', 'process_message')
                  and column_name not in ('settings_json', 'detail', 'last_error')""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        for (String[] c : columns) {
            long bad = jdbc.sql("select count(*) from " + c[0] + " where " + c[1] + " ~ '[[:cntrl:]\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufffd]' or char_length(" + c[1] + ") > " + MAX_TEXT)
                    .query(Long.class).single();
            if (bad > 0) {
                String sample = jdbc.sql("select " + c[1] + " from " + c[0] + " where " + c[1] + " ~ '[[:cntrl:]\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufffd]' or char_length(" + c[1] + ") > " + MAX_TEXT + " limit 1")
                        .query(String.class).single();
                offenders.add(c[0] + "." + c[1] + ": " + bad + " row(s), such as '" + InputRule.forLog(sample) + "'");
            }
        }
        return offenders;
    }

    // ------------------------------------------------------------------ what was accepted before

    /**
     * A callback, a scheduled callback and an agent that hostile requests target by id; made again when a valid
     * request changed them.
     */
    private void seed() throws Exception {
        if (seedCallback == null || callbacks.find(seedCallback).map(c -> c.status() != io.ringback.callback.CallbackStatus.RECEIVED).orElse(true)) {
            seedCallback = storedCallback("it-fuzz-seed", newNumber());
        }
        if (scheduledWindow.isEmpty()) {
            scheduledWindow = nextScheduledWindow();
        }
        if (seedScheduled == null || callbacks.find(seedScheduled).map(c -> c.status() != io.ringback.callback.CallbackStatus.SCHEDULED).orElse(true)) {
            Map<String, Object> body = new java.util.HashMap<>(scheduledWindow);
            body.putAll(Map.of("phoneNumber", newNumber(), "recipientName", "Fuzz Seed", "queue", SCHEDULED_QUEUE, "reason", "fuzz seed"));
            var post = new FuzzRequest("POST", "/api/scheduled-callbacks", Map.of(), List.of(),
                    Map.of("Authorization", RequestGenerator.ADMIN, "Content-Type", "application/json", "Accept", "application/json"),
                    body, null, false, "seed", null);
            Answer created = send(post);
            assertThat(created.status()).as("the seeded scheduled callback: " + created.text()).isEqualTo(201);
            seedScheduled = UUID.fromString(mapper.readTree(created.body()).path("id").asText());
        }
        Integer count = jdbc.sql("select count(*) from agent where user_id = ?").param(seedAgent).query(Integer.class).single();
        if (count == 0) {
            var put = new FuzzRequest("PUT", "/api/agents/{userId}", Map.of("userId", seedAgent), List.of(),
                    Map.of("Authorization", RequestGenerator.ADMIN, "Content-Type", "application/json"),
                    Map.of("displayName", "Fuzz Seed", "interfaces", List.of("PJSIP/fuzz-seed"), "queues", List.of("billing"),
                            "groups", List.of("fuzz-team")), null, false, "seed", null);
            assertThat(send(put).status()).isEqualTo(201);
        }
    }

    /**
     * Where the next opening of the scheduled queue's schedule leaves room for a window of 30 minutes that starts at
     * least 7 days from now: the windowStart, windowEnd and timeZone a valid request has. A week ahead, so that the
     * scheduled callbacks the fuzzer creates (dozens) come after those of the other tests in lists ordered by window
     * (the agent desktop shows the first 100).
     */
    private Map<String, Object> nextScheduledWindow() throws Exception {
        var get = new FuzzRequest("GET", "/api/scheduled-callbacks/schedules", Map.of(),
                List.of(new String[] {"queue", SCHEDULED_QUEUE}, new String[] {"days", "10"}),
                Map.of("Authorization", RequestGenerator.ADMIN, "Accept", "application/json"), null, null, false, "seed", null);
        Answer answer = send(get);
        assertThat(answer.status()).as("the schedule of " + SCHEDULED_QUEUE + ": " + answer.text()).isEqualTo(200);
        JsonNode schedule = mapper.readTree(answer.body());
        java.time.Instant earliest = java.time.Instant.now().plus(Duration.ofDays(7));
        for (JsonNode opening : schedule.path("openings")) {
            java.time.Instant start = java.time.Instant.parse(opening.path("startInstant").asText());
            java.time.Instant end = java.time.Instant.parse(opening.path("endInstant").asText());
            java.time.Instant from = (start.isAfter(earliest) ? start : earliest).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                    .plus(Duration.ofMinutes(1));
            if (!from.plus(Duration.ofMinutes(30)).isAfter(end)) {
                java.time.ZoneId zone = java.time.ZoneId.of(schedule.path("timeZone").asText());
                var shown = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
                return Map.of("windowStart", shown.format(from.atZone(zone)), "windowEnd",
                        shown.format(from.plus(Duration.ofMinutes(30)).atZone(zone)), "timeZone", zone.getId(),
                        "queue", SCHEDULED_QUEUE, "interactionId", RequestGenerator.LEAVE_OUT);
            }
        }
        throw new AssertionError("no opening in the schedule of " + SCHEDULED_QUEUE + ": " + answer.text());
    }

    /**
     * The seeded records as stored, and how many callbacks, scheduled callbacks, abandons and agents there are. Of
     * the scheduled seed only what requests set (its process registers it, and takes the changes of a valid edit,
     * after the answer).
     */
    private String fingerprint() {
        return jdbc.sql("""
                select md5(coalesce((select c::text from callback c where c.id = ?), '')
                    || coalesce((select string_agg(x::text, '|' order by x::text) from callback_change x where x.callback_id = ?), '')
                    || coalesce((select a::text from agent a where a.user_id = ?), '')
                    || coalesce((select string_agg(member_interface, '|' order by member_interface) from agent_interface where user_id = ?), '')
                    || coalesce((select string_agg(queue, '|' order by queue) from agent_queue where user_id = ?), '')
                    || coalesce((select string_agg(group_name, '|' order by group_name) from agent_group where user_id = ?), '')
                    || coalesce((select row(c.queue, c.phone_number, c.phone_number_display, c.caller_name, c.created_by,
                                               c.cancelled_by)::text from callback c where c.id = ?), '')
                    || coalesce((select s::text from scheduled_callback s where s.callback_id = ?), '')
                    || coalesce((select string_agg(x::text, '|' order by x::text) from callback_change x where x.callback_id = ?), '')
                    || (select count(*) from callback) || '/' || (select count(*) from scheduled_callback) || '/'
                    || (select count(*) from abandon_event) || '/' || (select count(*) from agent))""")
                .params(seedCallback, seedCallback, seedAgent, seedAgent, seedAgent, seedAgent, seedScheduled, seedScheduled,
                        seedScheduled).query(String.class).single();
    }

    // ------------------------------------------------------------------ sending and shrinking

    Answer send(FuzzRequest request) throws IOException, InterruptedException {
        byte[] body = request.bodyBytes();
        var builder = HttpRequest.newBuilder(request.uri("http://localhost:" + port)).timeout(Duration.ofSeconds(30))
                .method(request.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        request.headers().forEach(builder::header);
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
    }

    /** The smallest request found that still fails the same way, described for a regression test. */
    private String shrink(Operation op, FuzzRequest failing, Failure failure) {
        Predicate<FuzzRequest> fails = candidate -> {
            try {
                String before = fingerprint();
                Answer answer = send(candidate);
                Optional<Failure> f = check(op, candidate, answer);
                if (f.isEmpty() && failure.kind().equals("changed") && answer.status() / 100 != 2) {
                    f = fingerprint().equals(before) ? Optional.empty() : Optional.of(failure);
                }
                if (answer.status() / 100 == 2) {
                    seed();
                }
                return f.map(x -> x.kind().equals(failure.kind())).orElse(false);
            } catch (Exception e) {
                return false;
            }
        };
        FuzzRequest smallest = new Shrinker(fails, 150).shrink(failing);
        String answer;
        try {
            Answer a = send(smallest);
            answer = a.status() + " " + abbreviate(a.text());
        } catch (Exception e) {
            answer = e.toString();
        }
        return smallest.describe() + "\n  " + failure.message() + "\n  answer to the shrunk request: " + answer;
    }

    static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
