package io.ringback.callback;

import io.ringback.support.Allowed;
import io.ringback.support.InputRule;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * {@code POST /api/abandoned-calls}: a call abandoned in a queue of another PBX.
 *
 * @param uniqueId the PBX's id of the call; the same id posted twice by the same source is one abandon (generated when absent)
 * @param source the PBX or client that reports it (default {@code default}); abandons are deduplicated per source
 */
public record AbandonedCallRequest(
        @NotBlank @Allowed(InputRule.QUEUE) String queue,
        @NotBlank @Size(max = 40) String callerNumber,
        @Allowed(InputRule.CALLER_NAME) String callerName,
        @NotNull @PositiveOrZero @Max(86_400) Integer holdTimeSeconds,
        @NotNull Instant abandonedAt,
        @Allowed(InputRule.UNIQUE_ID) String uniqueId,
        @Allowed(InputRule.SOURCE) String source) {}
