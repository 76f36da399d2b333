package io.ringback.simulator;

/** Where simulated PBX events go: to every logged-in AMI session. Must not block. */
@FunctionalInterface
interface EventSink {

    void publish(AmiMessage event);
}
