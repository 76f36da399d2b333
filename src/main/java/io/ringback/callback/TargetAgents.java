package io.ringback.callback;

import io.ringback.agent.AgentClaims.Eligible;
import io.ringback.directory.AgentDirectory;
import io.ringback.process.CallTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which members of a call's queue may take it: all of them, only the agents of a group, or one agent
 * (their interfaces in the agent directory). Asked by the claim and by the recheck of waiting callbacks,
 * so that both count the same agents.
 */
@Component
public class TargetAgents {

    private static final Logger log = LoggerFactory.getLogger(TargetAgents.class);

    private final AgentDirectory directory;

    TargetAgents(AgentDirectory directory) {
        this.directory = directory;
    }

    /** The agents who may take a call of this target; none when the directory knows nobody for it. */
    public Eligible of(CallTarget target) {
        if (target.agent() != null && !target.agent().isBlank()) {
            return Eligible.only(target.key(), target.queue(), directory.interfacesOf(target.agent()));
        }
        if (target.group() != null && !target.group().isBlank()) {
            return Eligible.only(target.key(), target.queue(), directory.interfacesOfGroup(target.group()));
        }
        return Eligible.queue(target.queue());
    }

    /** As {@link #of}, with a warning when nobody may take it (the callback then waits for the directory or its deadline). */
    public Eligible ofWarningWhenNobody(CallTarget target) {
        Eligible eligible = of(target);
        if (eligible.onlyInterfaces() != null && eligible.onlyInterfaces().isEmpty()) {
            if (target.agent() != null && !target.agent().isBlank()) {
                log.warn("Callback for agent {}: the agent directory knows no interface of this agent", target.agent());
            } else {
                log.warn("Callback for group {}: no agent of the directory is in this group", target.group());
            }
        }
        return eligible;
    }
}
