package com.leavegateway.sharedcache;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The shared second level of the caches ({@code gateway.coordination.mode=redis} only).
 * Entries live as long as their cache's {@code gateway.cache.*.ttl}.
 *
 * @param leaseTime How long one replica may hold a key's lease while it fetches: longer
 * than a fetch takes (the permit's wait included), since a holder that outlives it can no
 * longer write its entry; also the longest a holder that dies mid-fetch delays the
 * others.
 * @param firstPoll The first pause of a replica waiting for another's entry; each next
 * pause is twice as long.
 * @param longestPoll The longest pause between two looks at a key another replica
 * fetches.
 */
@ConfigurationProperties("gateway.shared-cache")
@Validated
public record SharedCacheProperties(@DefaultValue("15s") @NotNull Duration leaseTime,
		@DefaultValue("20ms") @NotNull Duration firstPoll, @DefaultValue("250ms") @NotNull Duration longestPoll) {
}
