package com.leavegateway.balances;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Micro-batching of balance cache misses: misses of different employees for the same
 * date, id type, time zone and includeOffboard are gathered and asked of Feishu in one
 * call.
 *
 * @param window How long the first miss waits for others to join its batch. A full batch
 * goes at once.
 * @param maxSize Most employees in one batch: one Feishu page (20) answers them in one
 * call.
 */
@ConfigurationProperties("gateway.batching")
@Validated
record BatchingProperties(@NotNull Duration window, @Min(1) @Max(100) int maxSize) {
}
