package io.ringback.callback;

import io.ringback.callback.OwnerWaitExpiries.OwnerCount;
import io.ringback.support.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Key figures for supervisors. */
@RestController
@RequestMapping("/api/kpis")
@Tag(name = "KPIs", description = "Key figures for supervisors")
class KpiController {

    private static final Duration LONGEST_PERIOD = Duration.ofDays(366);

    private final OwnerWaitExpiries expiries;

    KpiController(OwnerWaitExpiries expiries) {
        this.expiries = expiries;
    }

    /** The period and the count per owner (an agent's user id, or {@code group:<name>}). */
    record OwnerWaitExpiryReport(Instant from, Instant to, long total, List<OwnerCount> owners) {}

    @GetMapping("/owner-wait-expiries")
    @Operation(summary = "Owner waits that expired, per owner",
            description = "Sticky callbacks released to another agent because their owner was not free within the "
                    + "owner wait (or left the directory), from `from` (included) to `to` (excluded).")
    OwnerWaitExpiryReport ownerWaitExpiries(@RequestParam Instant from, @RequestParam Instant to) {
        // a rule between the two names both: either may be the one that is wrong
        if (!to.isAfter(from)) {
            throw new InvalidRequestException(periodError("must be before to", "must be after from"));
        }
        if (Duration.between(from, to).compareTo(LONGEST_PERIOD) > 0) {
            throw new InvalidRequestException(periodError("must be at most 366 days before to",
                    "must be at most 366 days after from"));
        }
        List<OwnerCount> owners = expiries.perOwner(from, to);
        return new OwnerWaitExpiryReport(from, to, owners.stream().mapToLong(OwnerCount::expiries).sum(), owners);
    }

    private static java.util.Map<String, String> periodError(String fromMessage, String toMessage) {
        var errors = new java.util.LinkedHashMap<String, String>();
        errors.put("from", fromMessage);
        errors.put("to", toMessage);
        return errors;
    }
}
