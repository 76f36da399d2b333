package io.ringback.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One AMI message: an ordered list of {@code Name: value} headers.
 *
 * <p>Header lookup is case-insensitive, as Asterisk treats request headers (asterisk-java sends
 * {@code action:}, {@code actionid:}). On the wire every header line ends with CRLF and the message
 * with an empty line, and headers keep the order in which they were added, so responses and events
 * can reproduce the captured header order exactly.
 */
final class AmiMessage {

    static final String CRLF = "\r\n";

    /** One {@code Name: value} line. */
    record Header(String name, String value) {
        Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private final List<Header> headers;

    private AmiMessage(List<Header> headers) {
        this.headers = List.copyOf(headers);
    }

    static AmiMessage of(List<Header> headers) {
        return new AmiMessage(headers);
    }

    static Builder builder() {
        return new Builder();
    }

    /** Starts an event: {@code Event: name}, then {@code Privilege: privilege}. */
    static Builder event(String name, String privilege) {
        return builder().add("Event", name).add("Privilege", privilege);
    }

    /** Starts a response: {@code Response: status}, then the echoed {@code ActionID} when the request had one. */
    static Builder response(String status, String actionId) {
        return builder().add("Response", status).addIfPresent("ActionID", actionId);
    }

    /** The first value of the header, compared case-insensitively; {@code null} when absent. */
    String get(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    /** Whether the header holds one of Asterisk's true values ({@code ast_true}): yes, true, y, t, 1, on. */
    boolean isTrue(String name) {
        String value = get(name);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "true", "y", "t", "1", "on" -> true;
            default -> false;
        };
    }

    /** Every value of a repeatable header such as {@code Variable}, in order. */
    List<String> getAll(String name) {
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                values.add(header.value());
            }
        }
        return values;
    }

    List<Header> headers() {
        return headers;
    }

    /** The message as Asterisk writes it: {@code Name: value\r\n} per header and a closing {@code \r\n}. */
    String toWire() {
        StringBuilder wire = new StringBuilder(headers.size() * 24 + 2);
        for (Header header : headers) {
            wire.append(header.name()).append(": ").append(header.value()).append(CRLF);
        }
        return wire.append(CRLF).toString();
    }

    byte[] encode() {
        return toWire().getBytes(StandardCharsets.UTF_8);
    }

    /** Collects headers in wire order. */
    static final class Builder {

        private final List<Header> headers = new ArrayList<>();

        Builder add(String name, Object value) {
            headers.add(new Header(name, String.valueOf(Objects.requireNonNull(value, name))));
            return this;
        }

        /** Adds the header only when the value is not {@code null}, as Asterisk does with an absent ActionID. */
        Builder addIfPresent(String name, String value) {
            return value == null ? this : add(name, value);
        }

        /** Adds a group of headers written by a shared helper, keeping the wire order. */
        Builder with(java.util.function.Consumer<Builder> headerGroup) {
            headerGroup.accept(this);
            return this;
        }

        AmiMessage build() {
            return new AmiMessage(headers);
        }
    }
}
