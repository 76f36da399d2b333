package io.ringback.fuzz;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request the fuzzer sends, kept as parts (path values, query, headers, a body tree or raw bytes)
 * so that a failing one can be shrunk part by part.
 *
 * @param body the JSON body as maps, lists and values; ignored when {@code rawBody} is set
 * @param mutated what was made hostile ({@code body.queue}, {@code path.id}, {@code header.Content-Type}, ...)
 * @param field the request field that was made hostile, which a 400 must name; null when the request as a
 *     whole was (garbage body, a content type)
 */
record FuzzRequest(String method, String pathTemplate, Map<String, String> pathValues, List<String[]> query,
                   Map<String, String> headers, Object body, byte[] rawBody, boolean escapeNonAscii, String mutated,
                   String field) {

    FuzzRequest {
        pathValues = new LinkedHashMap<>(pathValues);
        query = new ArrayList<>(query);
        headers = new LinkedHashMap<>(headers);
    }

    byte[] bodyBytes() {
        if (rawBody != null) {
            return rawBody;
        }
        return body == null ? null : Json.bytes(body, escapeNonAscii);
    }

    String path() {
        String path = pathTemplate;
        for (var e : pathValues.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", encode(e.getValue()));
        }
        return path;
    }

    URI uri(String base) {
        StringBuilder q = new StringBuilder();
        for (String[] p : query) {
            q.append(q.isEmpty() ? "?" : "&").append(encode(p[0])).append('=').append(encode(p[1]));
        }
        return URI.create(base + path() + q);
    }

    FuzzRequest withBody(Object newBody) {
        return new FuzzRequest(method, pathTemplate, pathValues, query, headers, newBody, null, escapeNonAscii, mutated, field);
    }

    FuzzRequest withRawBody(byte[] bytes) {
        return new FuzzRequest(method, pathTemplate, pathValues, query, headers, body, bytes, escapeNonAscii, mutated, field);
    }

    FuzzRequest withPathValue(String name, String value) {
        var values = new LinkedHashMap<>(pathValues);
        values.put(name, value);
        return new FuzzRequest(method, pathTemplate, values, query, headers, body, rawBody, escapeNonAscii, mutated, field);
    }

    FuzzRequest withQuery(List<String[]> newQuery) {
        return new FuzzRequest(method, pathTemplate, pathValues, newQuery, headers, body, rawBody, escapeNonAscii, mutated, field);
    }

    FuzzRequest withHeaders(Map<String, String> newHeaders) {
        return new FuzzRequest(method, pathTemplate, pathValues, query, newHeaders, body, rawBody, escapeNonAscii, mutated, field);
    }

    FuzzRequest withMethod(String newMethod) {
        return new FuzzRequest(newMethod, pathTemplate, pathValues, query, headers, body, rawBody, escapeNonAscii, mutated, field);
    }

    FuzzRequest mutated(String what, String newField) {
        return new FuzzRequest(method, pathTemplate, pathValues, query, headers, body, rawBody, escapeNonAscii,
                mutated == null ? what : mutated + " + " + what, mutated == null ? newField : null);
    }

    /** Percent-encodes every byte but the unreserved characters of RFC 3986. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** The request as a reader would write it in a regression test. */
    String describe() {
        StringBuilder s = new StringBuilder(method).append(' ').append(uri(""));
        headers.forEach((k, v) -> s.append("\n    ").append(k).append(": ").append(v));
        byte[] bytes = bodyBytes();
        if (bytes != null) {
            String text = rawBody != null ? Json.text(new String(bytes, StandardCharsets.UTF_8)) : Json.text(body);
            s.append("\n    body ").append(rawBody != null ? "(raw bytes as a Java string) " : "")
                    .append(text.length() > 600 ? text.substring(0, 600) + "… (" + bytes.length + " bytes)" : text);
        }
        s.append("\n    (hostile: ").append(mutated).append(')');
        return s.toString();
    }
}
