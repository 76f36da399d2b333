package io.ringback.simulator;

import java.util.Objects;

/**
 * A statically configured queue member.
 *
 * @param memberInterface the dialable interface, e.g. {@code Local/agent1@agents}
 * @param name            the member name Asterisk reports as {@code MemberName}, e.g. {@code Agent One}
 */
public record QueueMemberSpec(String memberInterface, String name) {

    public QueueMemberSpec {
        Objects.requireNonNull(memberInterface, "memberInterface");
        Objects.requireNonNull(name, "name");
        if (memberInterface.isBlank()) {
            throw new IllegalArgumentException("memberInterface must not be blank");
        }
    }
}
