package io.ringback.callback;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * {@code POST /api/abandoned-calls}: a call abandoned in a queue of another PBX.
 *
 * @param uniqueId the PBX's id of the call; the same id posted twice is one abandon (generated when absent)
 */
public record AbandonedCallRequest(
        @NotBlank @Size(max = 80) String queue,
        @NotBlank @Size(max = 40) String callerNumber,
        @Size(max = 250) String callerName,
        @NotNull @PositiveOrZero @Max(86_400) Integer holdTimeSeconds,
        @NotNull Instant abandonedAt,
        @Size(min = 1, max = 150) String uniqueId) {}
