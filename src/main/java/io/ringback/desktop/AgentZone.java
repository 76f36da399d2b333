package io.ringback.desktop;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The agent's own time zone: their browser's. Every page of the desktop runs {@code desktop.js}, which
 * puts the browser's zone ({@code Intl.DateTimeFormat().resolvedOptions().timeZone}) in the cookie
 * {@value #COOKIE}; the server shows times in it. Until the browser has sent it (the very first page
 * after logging in, which the script then reloads once) the times are shown in UTC, saying so.
 */
final class AgentZone {

    static final String COOKIE = "ringback_zone";

    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    /** Every IANA zone id, sorted: what the time zone field proposes. */
    static final List<String> ALL = ZONES.stream().filter(z -> z.contains("/") && !z.startsWith("Etc/")
            && !z.startsWith("SystemV/")).sorted().toList();

    /**
     * @param fromBrowser false while the browser has not told its zone (the fallback, UTC, is used)
     */
    record Resolved(ZoneId zone, boolean fromBrowser) {}

    private AgentZone() {}

    static Resolved of(HttpServletRequest request) {
        return fromCookie(request.getCookies()).map(zone -> new Resolved(zone, true))
                .orElseGet(() -> new Resolved(ZoneId.of("UTC"), false));
    }

    private static Optional<ZoneId> fromCookie(Cookie[] cookies) {
        if (cookies == null) {
            return Optional.empty();
        }
        return Arrays.stream(cookies).filter(c -> COOKIE.equals(c.getName())).map(Cookie::getValue)
                .map(value -> URLDecoder.decode(value, StandardCharsets.UTF_8))
                .filter(ZONES::contains).findFirst().map(ZoneId::of);
    }
}
