package io.ringback.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API as its OpenAPI description ({@code /v3/api-docs}) tells it: every operation with its path,
 * query and body fields. The fuzzer reads it at run time, so an endpoint added later is fuzzed without
 * a change to the fuzzer.
 */
record ApiSurface(List<Operation> operations, JsonNode document) {

    record Param(String name, String in, boolean required, JsonNode schema) {}

    /**
     * @param body the schema of the JSON body (resolved), or null
     */
    record Operation(String method, String path, List<Param> params, JsonNode body, boolean bodyRequired) {

        List<Param> in(String where) {
            return params.stream().filter(p -> p.in().equals(where)).toList();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static ApiSurface of(JsonNode openApi) {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields();
        while (paths.hasNext()) {
            var path = paths.next();
            var methods = path.getValue().fields();
            while (methods.hasNext()) {
                var m = methods.next();
                if (!Set.of("get", "put", "post", "delete", "patch").contains(m.getKey())) {
                    continue;
                }
                JsonNode op = m.getValue();
                List<Param> params = new ArrayList<>();
                for (JsonNode p : op.path("parameters")) {
                    params.add(new Param(p.path("name").asText(), p.path("in").asText(), p.path("required").asBoolean(),
                            resolve(openApi, p.path("schema"))));
                }
                JsonNode body = null;
                boolean required = false;
                JsonNode content = op.path("requestBody").path("content");
                if (!content.isMissingNode()) {
                    JsonNode media = content.has("application/json") ? content.get("application/json")
                            : content.elements().next();
                    body = resolve(openApi, media.path("schema"));
                    required = op.path("requestBody").path("required").asBoolean();
                }
                operations.add(new Operation(m.getKey().toUpperCase(), path.getKey(), params, body, required));
            }
        }
        return new ApiSurface(operations, openApi);
    }

    /** A schema with its {@code $ref} followed (one level; properties are resolved as they are used). */
    static JsonNode resolve(JsonNode openApi, JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10 && current != null && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText(); // #/components/schemas/Name
            current = openApi.at(ref.substring(1));
        }
        return current;
    }

    JsonNode resolve(JsonNode schema) {
        return resolve(document, schema);
    }

    /** Every name a problem may give for this operation's input: fields at any depth, parameters, headers. */
    Set<String> fieldNames(Operation op) {
        Set<String> names = new LinkedHashSet<>(List.of("body", "Content-Type", "Accept", "path", "request"));
        op.params().forEach(p -> names.add(p.name()));
        if (op.body() != null) {
            collect(op.body(), names, 0);
        }
        return names;
    }

    private void collect(JsonNode schema, Set<String> names, int depth) {
        JsonNode s = resolve(schema);
        if (s == null || depth > 5) {
            return;
        }
        s.path("properties").fields().forEachRemaining(p -> {
            names.add(p.getKey());
            collect(p.getValue(), names, depth + 1);
        });
        if (s.has("items")) {
            collect(s.get("items"), names, depth + 1);
        }
    }
}
