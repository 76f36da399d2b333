package io.ringback.directory;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Interfaces that are mapped to another agent: an interface belongs to at most one agent. Nothing was
 * saved. The API answers {@code 409} with a problem naming each interface and its agent.
 */
public class InterfaceTakenException extends RuntimeException {

    private final Map<String, String> owners;

    /** @param owners each interface asked for (as asked) to the user id of the agent it is mapped to */
    public InterfaceTakenException(Map<String, String> owners) {
        super(owners.entrySet().stream().map(e -> "Interface " + e.getKey() + " is mapped to agent " + e.getValue())
                .sorted().collect(Collectors.joining("; ")));
        this.owners = Collections.unmodifiableMap(new TreeMap<>(owners));
    }

    /** Each taken interface, in order, to the agent it is mapped to. */
    public Map<String, String> owners() {
        return owners;
    }
}
