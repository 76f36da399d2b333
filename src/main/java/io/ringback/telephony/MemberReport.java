package io.ringback.telephony;

/**
 * What one AMI member event says about a queue member; null fields were not in the event.
 * Times are Asterisk epoch seconds (0 = never).
 */
public record MemberReport(String queue, String memberInterface, String name, Integer deviceStatus, Boolean paused,
                           Boolean inCall, Long lastCall, Long lastPause, Long loginTime) {}
