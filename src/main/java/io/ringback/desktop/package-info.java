/**
 * The agent desktop: the pages agents and supervisors work in, served by the application at {@code /agent}
 * (Thymeleaf, a little htmx from its webjar, no JavaScript build). Its first page schedules, changes and
 * cancels scheduled callbacks through {@link io.ringback.scheduled.ScheduledCallbacks}, by the same rules
 * and permissions as the API (docs/agent-desktop.md). Nothing depends on it.
 */
package io.ringback.desktop;
