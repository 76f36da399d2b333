package io.ringback.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Makes a failing request as small as it gets while it still fails the same way: drops extra headers and
 * query parameters, body fields, list elements, and then characters of every string (halves first, then
 * single characters), within a budget of tries. What is left is the input a regression test should hold.
 */
final class Shrinker {

    private static final List<String> ESSENTIAL_HEADERS = List.of("Authorization", "Content-Type");

    private final Predicate<FuzzRequest> fails;
    private int budget;

    Shrinker(Predicate<FuzzRequest> fails, int budget) {
        this.fails = fails;
        this.budget = budget;
    }

    FuzzRequest shrink(FuzzRequest request) {
        FuzzRequest current = request;
        boolean progress = true;
        while (progress && budget > 0) {
            progress = false;
            for (FuzzRequest candidate : candidates(current)) {
                if (budget-- <= 0) {
                    break;
                }
                if (fails.test(candidate)) {
                    current = candidate;
                    progress = true;
                    break;
                }
            }
        }
        return current;
    }

    private List<FuzzRequest> candidates(FuzzRequest r) {
        List<FuzzRequest> out = new ArrayList<>();
        for (String name : r.headers().keySet()) {
            if (!ESSENTIAL_HEADERS.contains(name) || r.mutated().contains("header")) {
                var headers = new LinkedHashMap<>(r.headers());
                headers.remove(name);
                out.add(r.withHeaders(headers));
            }
        }
        for (int i = 0; i < r.query().size(); i++) {
            var query = new ArrayList<>(r.query());
            query.remove(i);
            out.add(r.withQuery(query));
        }
        for (var e : r.pathValues().entrySet()) {
            for (String shorter : shorter(e.getValue())) {
                if (!shorter.isEmpty()) {
                    out.add(r.withPathValue(e.getKey(), shorter));
                }
            }
        }
        for (int i = 0; i < r.query().size(); i++) {
            for (String shorter : shorter(r.query().get(i)[1])) {
                var query = new ArrayList<>(r.query());
                query.set(i, new String[] {r.query().get(i)[0], shorter});
                out.add(r.withQuery(query));
            }
        }
        if (r.rawBody() != null) {
            byte[] raw = r.rawBody();
            if (raw.length > 1) {
                out.add(r.withRawBody(java.util.Arrays.copyOf(raw, raw.length / 2)));
                out.add(r.withRawBody(java.util.Arrays.copyOfRange(raw, raw.length / 2, raw.length)));
            }
        } else if (r.body() != null) {
            for (Object smaller : smaller(r.body())) {
                out.add(r.withBody(smaller));
            }
        }
        return out;
    }

    /** The value with one field, element or run of characters less. */
    private static List<Object> smaller(Object value) {
        List<Object> out = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            for (Object key : map.keySet()) {
                var copy = copy(map);
                copy.remove(key);
                out.add(copy);
            }
            for (var e : map.entrySet()) {
                for (Object child : smaller(e.getValue())) {
                    var copy = copy(map);
                    copy.put(String.valueOf(e.getKey()), child);
                    out.add(copy);
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                List<Object> copy = new ArrayList<>(list);
                copy.remove(i);
                out.add(copy);
            }
            for (int i = 0; i < list.size(); i++) {
                for (Object child : smaller(list.get(i))) {
                    List<Object> copy = new ArrayList<>(list);
                    copy.set(i, child);
                    out.add(copy);
                }
            }
        } else if (value instanceof String s) {
            out.addAll(shorter(s));
        }
        return out;
    }

    /** The string without its first or second half, then without each single character (for short strings). */
    static List<String> shorter(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        if (n == 0) {
            return out;
        }
        for (int chunk = Math.max(1, n / 2); chunk >= 1; chunk /= 2) {
            for (int at = 0; at + chunk <= n; at += chunk) {
                String candidate = s.substring(0, at) + s.substring(at + chunk);
                if (!out.contains(candidate)) {
                    out.add(candidate);
                }
                if (out.size() > 24) {
                    return out;
                }
            }
            if (chunk == 1) {
                break;
            }
        }
        return out;
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
