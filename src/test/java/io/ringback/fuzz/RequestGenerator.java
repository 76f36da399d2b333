package io.ringback.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringback.fuzz.ApiSurface.Operation;
import io.ringback.fuzz.ApiSurface.Param;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Builds, for any operation of the {@link ApiSurface}, a request that would be accepted (values by field
 * name where the fuzzer knows the field, by schema otherwise), then makes one part of it hostile: a body
 * field, the body as a whole, a path id, a query parameter, a header, the content type, the method.
 */
final class RequestGenerator {

    /** What the fuzzer made hostile, for the counts it prints. */
    enum Kind { BODY_FIELD, BODY_WHOLE, PATH, QUERY, CONTENT_TYPE, ACCEPT, HEADER, LOGIN, METHOD, SEVERAL }

    static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8));

    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "text/html",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/json; charset=UTF-16",
            "application/json; charset=ISO-8859-1", "application/json; charset=nonsense", "application/octet-stream",
            "application/problem+json", "application/*", "*/*", "invalid", "application/json;;;", "application/json; q=x",
            "application/merge-patch+json", "image/png");
    private static final List<String> ACCEPTS = List.of("application/xml", "text/html", "image/png", "text/plain",
            "application/problem+json", "*/*", "nonsense", "application/json;q=0", "text/event-stream", "");
    private static final List<String> HEADERS = List.of("X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto",
            "Origin", "Range", "If-Match", "If-None-Match", "If-Modified-Since", "X-HTTP-Method-Override", "Cookie",
            "Content-Encoding", "Accept-Language", "Accept-Charset", "Referer", "User-Agent", "Forwarded");

    /** A field left out of a valid body (an optional field whose valid values depend on how the record was made). */
    static final Object LEAVE_OUT = new Object();

    private final ApiSurface api;
    private final Hostile hostile;
    private final Function<String, Map<String, String>> seedPathValues;
    private final Function<String, Map<String, Object>> currentValues;
    private final AtomicInteger counter = new AtomicInteger();
    private Map<String, Object> current = Map.of();

    /**
     * @param seedPathValues for a path template, the ids of the records that hostile requests target
     * @param currentValues for a path template, valid values that depend on the moment or the endpoint (a scheduled
     *     callback's window lies in the next opening of its queue's schedule), by field name
     */
    RequestGenerator(ApiSurface api, Hostile hostile, Function<String, Map<String, String>> seedPathValues,
                     Function<String, Map<String, Object>> currentValues) {
        this.api = api;
        this.hostile = hostile;
        this.seedPathValues = seedPathValues;
        this.currentValues = currentValues;
    }

    /** A request to the operation that would be accepted. */
    FuzzRequest valid(Operation op) {
        current = currentValues.apply(op.path());
        Map<String, String> path = new LinkedHashMap<>();
        Map<String, String> seeds = seedPathValues.apply(op.path());
        for (Param p : op.in("path")) {
            path.put(p.name(), seeds.getOrDefault(p.name(), String.valueOf(validValue(p.name(), p.schema(), 0))));
        }
        List<String[]> query = new ArrayList<>();
        for (Param p : op.in("query")) {
            if (p.required() || hostile.chance(0.3)) {
                Object v = validValue(p.name(), p.schema(), 0);
                if (v instanceof List<?> list) {
                    list.forEach(item -> query.add(new String[] {p.name(), String.valueOf(item)}));
                } else {
                    query.add(new String[] {p.name(), String.valueOf(v)});
                }
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", ADMIN);
        headers.put("Accept", "application/json");
        Object body = null;
        if (op.body() != null) {
            headers.put("Content-Type", "application/json");
            body = validValue("body", op.body(), 0);
        }
        return new FuzzRequest(op.method(), op.path(), path, query, headers, body, null, hostile.chance(0.5), null, null);
    }

    /** The valid request with one part (sometimes several) made hostile. */
    FuzzRequest hostile(Operation op, Kind kind) {
        FuzzRequest request = valid(op);
        if (kind == Kind.SEVERAL) {
            int n = 2 + hostile.nextInt(3);
            for (int i = 0; i < n; i++) {
                request = apply(op, request, pickKind(op, false));
            }
            return request;
        }
        return apply(op, request, kind);
    }

    Kind pickKind(Operation op, boolean allowSeveral) {
        List<Kind> kinds = new ArrayList<>();
        if (op.body() != null) {
            kinds.addAll(java.util.Collections.nCopies(12, Kind.BODY_FIELD)); // what reaches the PBX and the database
            kinds.addAll(List.of(Kind.BODY_WHOLE, Kind.BODY_WHOLE, Kind.CONTENT_TYPE));
        }
        if (!op.in("path").isEmpty()) {
            kinds.addAll(List.of(Kind.PATH, Kind.PATH, Kind.PATH));
        }
        kinds.addAll(List.of(Kind.QUERY, Kind.QUERY, Kind.ACCEPT, Kind.HEADER, Kind.LOGIN, Kind.METHOD));
        if (allowSeveral) {
            kinds.add(Kind.SEVERAL);
        }
        return hostile.pick(kinds);
    }

    private FuzzRequest apply(Operation op, FuzzRequest request, Kind kind) {
        return switch (kind) {
            case BODY_FIELD -> bodyField(op, request);
            case BODY_WHOLE -> {
                byte[] valid = request.bodyBytes() == null ? "{}".getBytes() : request.bodyBytes();
                yield request.withRawBody(hostile.garbageBody(valid)).mutated("body as a whole", null);
            }
            case PATH -> {
                if (op.in("path").isEmpty()) {
                    yield request;
                }
                Param p = hostile.pick(op.in("path"));
                yield request.withPathValue(p.name(), pathValue()).mutated("path." + p.name(), p.name());
            }
            case QUERY -> query(op, request);
            case CONTENT_TYPE -> {
                var headers = new LinkedHashMap<>(request.headers());
                if (hostile.chance(0.15)) {
                    headers.remove("Content-Type");
                } else {
                    headers.put("Content-Type", hostile.pick(CONTENT_TYPES));
                }
                yield request.withHeaders(headers).mutated("header.Content-Type", null);
            }
            case ACCEPT -> {
                var headers = new LinkedHashMap<>(request.headers());
                headers.put("Accept", hostile.pick(ACCEPTS));
                yield request.withHeaders(headers).mutated("header.Accept", null);
            }
            case HEADER -> {
                var headers = new LinkedHashMap<>(request.headers());
                String name = hostile.pick(HEADERS);
                headers.put(name, sendableHeaderValue());
                yield request.withHeaders(headers).mutated("header." + name, null);
            }
            case LOGIN -> {
                var headers = new LinkedHashMap<>(request.headers());
                switch (hostile.nextInt(6)) {
                    case 0 -> headers.remove("Authorization");
                    case 1 -> headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("admin:" + sendableHeaderValue()).getBytes(StandardCharsets.UTF_8)));
                    case 2 -> headers.put("Authorization", "Basic " + sendableHeaderValue());
                    case 3 -> headers.put("Authorization", "Bearer " + sendableHeaderValue());
                    case 4 -> headers.put("Authorization", sendableHeaderValue());
                    default -> headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "viewer:demo".getBytes(StandardCharsets.UTF_8)));
                }
                yield request.withHeaders(headers).mutated("header.Authorization", null);
            }
            case METHOD -> request.withMethod(hostile.pick(List.of("GET", "POST", "PUT", "DELETE", "PATCH")))
                    .mutated("method", null);
            case SEVERAL -> request;
        };
    }

    private FuzzRequest bodyField(Operation op, FuzzRequest request) {
        JsonNode schema = api.resolve(op.body());
        List<String> fields = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(fields::add);
        if (!(request.body() instanceof Map<?, ?> original) || fields.isEmpty()) {
            return request.withBody(hostile.jsonValue()).mutated("body (not an object)", null);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) deepCopy(original);
        if (hostile.chance(0.05)) {
            body.put(hostile.string(), hostile.jsonValue());
            return request.withBody(body).mutated("body: an unknown field", null);
        }
        String field = hostile.pick(fields);
        JsonNode fieldSchema = api.resolve(schema.path("properties").path(field));
        String what;
        if (fieldSchema != null && "array".equals(fieldSchema.path("type").asText()) && hostile.chance(0.6)) {
            List<Object> list = new ArrayList<>();
            int size = hostile.chance(0.1) ? 101 + hostile.nextInt(50) : 1 + hostile.nextInt(3);
            int bad = hostile.nextInt(Math.min(size, 3));
            for (int i = 0; i < size; i++) {
                list.add(i == bad ? hostile.jsonValue() : validValue(field, fieldSchema.path("items"), 1));
            }
            body.put(field, list);
            what = "body." + field + "[" + bad + "]";
        } else if (hostile.chance(0.1)) {
            body.remove(field);
            what = "body." + field + " left out";
        } else {
            body.put(field, hostile.chance(0.7) ? hostile.string() : hostile.jsonValue());
            what = "body." + field;
        }
        return request.withBody(body).mutated(what, field);
    }

    private FuzzRequest query(Operation op, FuzzRequest request) {
        List<String[]> query = new ArrayList<>(request.query());
        List<Param> params = op.in("query");
        if (params.isEmpty() || hostile.chance(0.15)) {
            query.add(new String[] {hostile.chance(0.5) ? "unknown" : hostile.string(), hostile.string()});
            return request.withQuery(query).mutated("query (unknown parameter)", null);
        }
        Param p = hostile.pick(params);
        query.removeIf(q -> q[0].equals(p.name()));
        int repeat = hostile.chance(0.1) ? 2 : 1;
        for (int i = 0; i < repeat; i++) {
            query.add(new String[] {p.name(), hostile.chance(0.8) ? hostile.string() : String.valueOf(hostile.jsonValue())});
        }
        return request.withQuery(query).mutated("query." + p.name(), p.name());
    }

    private String pathValue() {
        return switch (hostile.nextInt(5)) {
            case 0 -> UUID.randomUUID().toString();
            case 1 -> hostile.pick(List.of("..", ".", "%", "a/b", "a\\b", ";", "a;jsessionid=1", "*", "~", "%2e%2e"));
            default -> {
                String s = hostile.string();
                yield s.isEmpty() ? "x" : s;
            }
        };
    }

    /** Header values an HTTP client can send: printable ASCII and Latin-1, no line break. */
    private String sendableHeaderValue() {
        StringBuilder s = new StringBuilder();
        for (char c : hostile.string().toCharArray()) {
            if ((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && c <= 0xff)) {
                s.append(c);
            }
        }
        return s.isEmpty() ? "x" : s.length() > 2_000 ? s.substring(0, 2_000) : s.toString();
    }

    /** A value the operation would accept for this field. */
    Object validValue(String name, JsonNode rawSchema, int depth) {
        JsonNode schema = api.resolve(rawSchema);
        int n = counter.incrementAndGet();
        boolean array = schema != null && "array".equals(schema.path("type").asText());
        Object now = current.get(name);
        Object hinted = now != null ? now : switch (name) {
            case "queue", "queues" -> "billing";
            case "callerNumber", "number", "phoneNumber" -> "+55119" + String.format("%08d", 40_000_000 + n);
            case "callerName" -> "Fuzz Caller";
            case "ownerAgent", "ownerGroup", "ownerWaitSeconds" -> LEAVE_OUT; // valid ones depend on the directory
            case "recipientName" -> "Fuzz Recipient";
            case "holdTimeSeconds" -> 40;
            case "abandonedAt" -> Instant.now().minusSeconds(60).toString();
            case "uniqueId" -> "fuzz-" + n + "." + System.nanoTime();
            case "source" -> "fuzz";
            case "reason" -> "fuzzing";
            case "displayName" -> "Fuzz Agent " + n;
            case "interfaces" -> "PJSIP/fuzz" + n;
            case "groups", "group" -> "fuzz-team";
            case "from" -> Instant.now().minusSeconds(86_400).toString();
            case "to" -> Instant.now().plusSeconds(86_400).toString();
            case "limit" -> 10;
            case "offset" -> 0;
            default -> null;
        };
        if (hinted == LEAVE_OUT) {
            return LEAVE_OUT;
        }
        if (hinted != null) {
            return array ? new ArrayList<>(List.of(hinted)) : hinted;
        }
        if (schema == null || depth > 4) {
            return "fuzz";
        }
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> values.add(v.asText()));
            return hostile.pick(values);
        }
        return switch (schema.path("type").asText("object")) {
            case "string" -> switch (schema.path("format").asText("")) {
                case "date-time" -> Instant.now().plusSeconds(7_200).toString();
                case "uuid" -> UUID.randomUUID().toString();
                case "date" -> java.time.LocalDate.now().plusDays(1).toString();
                default -> "fuzz";
            };
            case "integer", "number" -> schema.has("minimum") ? schema.get("minimum").asLong() : 1;
            case "boolean" -> true;
            case "array" -> new ArrayList<>(List.of(validValue(name, schema.path("items"), depth + 1)));
            default -> {
                Map<String, Object> object = new LinkedHashMap<>();
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                schema.path("properties").fields().forEachRemaining(p -> {
                    if (depth <= 1 || required.contains(p.getKey()) || hostile.chance(0.7)) { // every field of the body: valid
                        Object value = validValue(p.getKey(), p.getValue(), depth + 1);
                        if (value != LEAVE_OUT) {
                            object.put(p.getKey(), value);
                        }
                    }
                });
                yield object;
            }
        };
    }

    @SuppressWarnings("unchecked")
    static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }
}
