package io.ringback.simulator;

/** Answers one AMI request received by a {@link ClientSession}; called on that session's reader thread. */
@FunctionalInterface
interface ActionHandler {

    void handle(ClientSession session, AmiMessage request);
}
