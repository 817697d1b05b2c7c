package com.leavegateway.cache;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What a caller's {@code Cache-Control} request header (RFC 9111, section 5.2.1) asks of
 * the caches: {@code no-cache} (ask Feishu now, never a stored answer), {@code max-age=N}
 * (nothing older than N seconds) and {@code max-stale[=N]} (stale by at most N seconds,
 * any staleness without N). Other directives, and a directive whose value is no number,
 * are ignored: they cannot widen what the gateway serves.
 *
 * @param noCache Whether the caller refuses stored answers.
 * @param maxAge The oldest answer the caller takes; null: no limit of its own.
 * @param maxStale The most staleness the caller takes; null: the gateway's own limit.
 */
public record RequestCacheControl(boolean noCache, @Nullable Duration maxAge, @Nullable Duration maxStale) {

	/** What the header does, for the API document. */
	public static final String DESCRIPTION = "no-cache asks Feishu again instead of answering from the cache (and "
			+ "never takes a stale answer); max-age=N and max-stale=N narrow which cached answers are taken.";

	/** No header: the gateway's own limits. */
	public static final RequestCacheControl NONE = new RequestCacheControl(false, null, null);

	/** {@code Cache-Control: no-cache}. */
	public static final RequestCacheControl NO_CACHE = new RequestCacheControl(true, null, null);

	/** {@code max-stale} without a value: any staleness the gateway allows. */
	private static final Duration ANY = Duration.ofSeconds(Long.MAX_VALUE);

	/** The header's directives; {@link #NONE} when absent or empty. */
	public static RequestCacheControl parse(@Nullable String header) {
		if (header == null || header.isBlank()) {
			return NONE;
		}
		boolean noCache = false;
		Duration maxAge = null;
		Duration maxStale = null;
		for (String part : header.split(",")) {
			String directive = part.trim().toLowerCase(Locale.ROOT);
			int equals = directive.indexOf('=');
			String name = (equals < 0) ? directive : directive.substring(0, equals).trim();
			String value = (equals < 0) ? null : unquote(directive.substring(equals + 1).trim());
			switch (name) {
				case "no-cache" -> noCache = true;
				case "max-age" -> maxAge = narrower(maxAge, seconds(value));
				case "max-stale" -> maxStale = narrower(maxStale, (value == null) ? ANY : seconds(value));
				default -> {
					// Not for the gateway to act on.
				}
			}
		}
		return new RequestCacheControl(noCache, maxAge, maxStale);
	}

	private static @Nullable Duration seconds(@Nullable String value) {
		if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
			return null;
		}
		return Duration.ofSeconds(Long.parseLong(value));
	}

	private static @Nullable Duration narrower(@Nullable Duration current, @Nullable Duration next) {
		if (current == null) {
			return next;
		}
		return (next == null || current.compareTo(next) <= 0) ? current : next;
	}

	private static String unquote(String value) {
		return (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
	}

}
