package com.leavegateway.cache;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one rule that says what a cached entry may answer: with a ttl of 5 minutes and a
 * max-stale of 1 hour, an entry is fetched at a fixed instant and judged at fixed ages,
 * for the request headers callers send.
 */
class FreshnessTests {

	private static final Instant FETCHED = Instant.parse("2025-06-01T20:30:00Z");

	private static final CacheProperties.Settings SETTINGS = new CacheProperties.Settings(Duration.ofMinutes(5), 100,
			Duration.ofHours(1));

	@ParameterizedTest(name = "age {0}s, Cache-Control [{1}]: {2}, ttl={3}")
	@CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
			0     | NONE                     | FRESH   | 300
			299   | NONE                     | FRESH   | 1
			300   | NONE                     | STALE   | 0
			342   | NONE                     | STALE   | -42
			3899  | NONE                     | STALE   | -3599
			3900  | NONE                     | TOO_OLD | -3600
			10    | no-cache                 | TOO_OLD | 290
			342   | no-cache                 | TOO_OLD | -42
			342   | max-stale=60             | STALE   | -42
			342   | max-stale=30             | TOO_OLD | -42
			342   | max-stale=0              | TOO_OLD | -42
			342   | max-stale                | STALE   | -42
			3900  | max-stale                | TOO_OLD | -3600
			3900  | max-stale=99999          | TOO_OLD | -3600
			342   | max-age=600              | STALE   | -42
			342   | max-age=60               | TOO_OLD | -42
			30    | max-age=60               | FRESH   | 270
			90    | max-age=60               | TOO_OLD | 210
			90    | 'max-age=60, max-stale'  | TOO_OLD | 210
			342   | 'MAX-STALE="60"'         | STALE   | -42
			342   | max-stale=abc            | STALE   | -42
			342   | max-age=-5               | STALE   | -42
			342   | 'no-store, private'      | STALE   | -42
			""")
	void judgesAnEntryByItsAgeAndTheCallersHeader(long ageSeconds, String cacheControl, Freshness.State state,
			long ttl) {
		Freshness freshness = Freshness.of(FETCHED, FETCHED.plusSeconds(ageSeconds), SETTINGS,
				RequestCacheControl.parse(cacheControl));

		assertThat(freshness.state()).isEqualTo(state);
		assertThat(freshness.ttlSeconds()).isEqualTo(ttl);
		assertThat(freshness.usable()).isEqualTo(state != Freshness.State.TOO_OLD);
	}

	@ParameterizedTest(name = "max-stale {0}s, age {1}s: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			0     | 300  | TOO_OLD
			0     | 299  | FRESH
			60    | 359  | STALE
			60    | 360  | TOO_OLD
			""")
	void theGatewaysMaxStaleBoundsEveryRequest(long maxStaleSeconds, long ageSeconds, Freshness.State state) {
		CacheProperties.Settings settings = new CacheProperties.Settings(Duration.ofMinutes(5), 100,
				Duration.ofSeconds(maxStaleSeconds));

		assertThat(Freshness.of(FETCHED, FETCHED.plusSeconds(ageSeconds), settings, RequestCacheControl.NONE).state())
			.isEqualTo(state);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
			NONE                          | false |      |
			''                            | false |      |
			no-cache                      | true  |      |
			'max-age=10, max-age=5'       | false | 5    |
			'max-stale=10,no-cache'       | true  |      | 10
			' max-stale = 7 '             | false |      | 7
			""")
	void readsTheDirectivesItActsOn(String header, boolean noCache, Long maxAge, Long maxStale) {
		RequestCacheControl parsed = RequestCacheControl.parse(header);

		assertThat(parsed.noCache()).isEqualTo(noCache);
		assertThat(parsed.maxAge()).isEqualTo((maxAge != null) ? Duration.ofSeconds(maxAge) : null);
		assertThat(parsed.maxStale()).isEqualTo((maxStale != null) ? Duration.ofSeconds(maxStale) : null);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			1     | 299
			-1    | 300
			""")
	void anEntryFromTheFutureIsAsFreshAsANewOne(long secondsBeforeFetch, long ttl) {
		Freshness freshness = Freshness.of(FETCHED, FETCHED.plusSeconds(secondsBeforeFetch), SETTINGS,
				RequestCacheControl.NONE);

		assertThat(freshness.state()).isEqualTo(Freshness.State.FRESH);
		assertThat(freshness.ttlSeconds()).isEqualTo(ttl);
	}

}
