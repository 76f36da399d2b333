/**
 * A simulated Asterisk for tests and local development: an AMI server of our own that speaks the
 * Asterisk Manager Interface over TCP as the captures in {@code shared/ami-transcripts/} show it,
 * with scripted customers ({@link io.ringback.simulator.CustomerBehaviour}) and queues.
 *
 * <p>Entry point: {@link io.ringback.simulator.SimulatedAsterisk}. Plain Java without Spring; the
 * server side uses only the JDK (sockets, virtual threads) and SLF4J.
 */
package io.ringback.simulator;
