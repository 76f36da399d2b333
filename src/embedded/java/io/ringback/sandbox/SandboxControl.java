package io.ringback.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.value.deployment.DecisionRequirementsRecordValue;
import io.ringback.simulator.CustomerBehaviour;
import io.ringback.simulator.OriginateRecord;
import io.ringback.simulator.SimulatedAsterisk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.stream.StreamSupport;

/**
 * Drives the sandbox's simulated PBX over HTTP on the loopback interface (plain text answers):
 *
 * <pre>
 * curl -X POST 'localhost:8099/abandon?queue=support&amp;number=%2B5511912340001&amp;name=Ana&amp;hold=40'   # the caller's Uniqueid
 * curl -X POST 'localhost:8099/behaviour?number=5511912340001&amp;sequence=BUSY,ANSWER'
 * curl -X POST  localhost:8099/ami/suspend                  # an AMI outage (the PBX goes on); /ami/resume ends it
 * curl -X POST 'localhost:8099/served?queue=support&amp;number=%2B5511912340001'              # calls in again, is served
 * curl          localhost:8099/originates                   # every Originate: time, ActionID, number, live or ended
 * curl          localhost:8099/                             # sessions, outage, counts
 * </pre>
 *
 * It also answers {@code GET /v2/decision-requirements/{key}/xml} as the orchestration cluster's REST API
 * does, so that the orchestrator's {@code camunda.client.rest-address} can point here.
 */
final class SandboxControl implements AutoCloseable {

    private final SimulatedAsterisk asterisk;
    private final ZeebeTestEngine engine;
    private final HttpServer server;

    SandboxControl(SimulatedAsterisk asterisk, ZeebeTestEngine engine, int port) {
        this.asterisk = asterisk;
        this.engine = engine;
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.createContext("/v2/decision-requirements/", this::decisionXml);
    }

    /**
     * The one call of the orchestration cluster's REST API the orchestrator makes
     * ({@code GET /v2/decision-requirements/{key}/xml}: the time-condition planner reads the deployed
     * decision), answered from the in-memory engine's record stream, which has no REST API of its own.
     */
    private void decisionXml(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        byte[] body;
        int status = 200;
        try {
            if (parts.length != 5 || !parts[4].equals("xml")) {
                throw new NoSuchElementException("not a decision requirements XML request");
            }
            long key = Long.parseLong(parts[3]);
            body = StreamSupport.stream(RecordStream.of(engine.getRecordStreamSource()).records().spliterator(), false)
                    .filter(r -> r.getValueType() == ValueType.DECISION_REQUIREMENTS)
                    .map(r -> (DecisionRequirementsRecordValue) r.getValue())
                    .filter(v -> v.getDecisionRequirementsKey() == key)
                    .map(DecisionRequirementsRecordValue::getResource)
                    .findFirst()
                    .orElseThrow(() -> new NoSuchElementException("no decision requirements " + key));
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
        } catch (RuntimeException e) {
            status = 404;
            body = ("{\"title\":\"NOT_FOUND\",\"status\":404,\"detail\":\"" + e.getMessage() + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        }
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    SandboxControl start() {
        server.start();
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
        boolean post = exchange.getRequestMethod().equalsIgnoreCase("POST");
        String answer;
        int status = 200;
        try {
            answer = switch (path) {
                case "/" -> "sessions=" + asterisk.loggedInSessions() + " ami_suspended=" + asterisk.isSuspended()
                        + " originates=" + asterisk.originates().size() + " queue_log_rows=" + asterisk.queueLog().size();
                case "/abandon" -> requirePost(post, () -> asterisk.abandon(q.get("queue"), q.get("number"), q.get("name"),
                        Integer.parseInt(q.getOrDefault("hold", "30"))));
                case "/served" -> requirePost(post, () -> asterisk.inboundServed(q.get("queue"), q.get("number"),
                        q.get("name")));
                case "/behaviour" -> requirePost(post, () -> {
                    asterisk.setBehaviour(q.get("number"), Arrays.stream(q.get("sequence").split(","))
                            .map(String::strip).map(CustomerBehaviour::valueOf).toArray(CustomerBehaviour[]::new));
                    return "ok";
                });
                case "/ami/suspend" -> requirePost(post, () -> { asterisk.suspend(); return "suspended"; });
                case "/ami/resume" -> requirePost(post, () -> { asterisk.resume(); return "resumed"; });
                case "/ami/drop" -> requirePost(post, () -> { asterisk.dropConnections(); return "dropped"; });
                case "/originates" -> {
                    StringBuilder lines = new StringBuilder();
                    for (OriginateRecord o : asterisk.originates()) {
                        lines.append(o.receivedAt()).append(' ').append(o.clientActionId()).append(' ')
                                .append(o.dialedNumber()).append(' ')
                                .append(asterisk.isCallLive(o.channelId()) ? "live"
                                        : asterisk.callEnd(o.channelId()).map(t -> "ended " + t).orElse("-"))
                                .append('\n');
                    }
                    yield lines.toString();
                }
                default -> {
                    status = 404;
                    yield "no such command: " + path;
                }
            };
        } catch (RuntimeException e) {
            status = 400;
            answer = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        byte[] body = (answer.endsWith("\n") ? answer : answer + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String requirePost(boolean post, java.util.function.Supplier<String> action) {
        if (!post) {
            throw new IllegalArgumentException("use POST");
        }
        return action.get();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            values.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
