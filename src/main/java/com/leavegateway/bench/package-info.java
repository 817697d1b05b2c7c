/**
 * Profile {@code bench} only: the benchmark's yardstick endpoint
 * ({@code /api/v1/bench/baseline}, {@code gateway.bench.baseline-size}). Nothing here
 * runs in production.
 */
@NullMarked
package com.leavegateway.bench;

import org.jspecify.annotations.NullMarked;
