package com.leavegateway.leave;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Picks the text for the caller's Accept-Language from Feishu's localized texts. */
final class Languages {

	private static final String FALLBACK = "zh-CN";

	private Languages() {
	}

	/**
	 * The best text for {@code acceptLanguage} (RFC 4647 filtering, so {@code en} finds
	 * {@code en-US}), else the zh-CN one, else any; null only when there is none at all.
	 * A malformed header counts as absent.
	 */
	static @Nullable String pick(Map<String, String> texts, @Nullable String acceptLanguage) {
		if (texts.isEmpty()) {
			return null;
		}
		if (acceptLanguage != null && !acceptLanguage.isBlank()) {
			try {
				List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
				List<String> matches = Locale.filterTags(ranges, new ArrayList<>(texts.keySet()));
				if (!matches.isEmpty()) {
					// filterTags lower-cases; find the original key again.
					for (String key : texts.keySet()) {
						if (key.equalsIgnoreCase(matches.get(0))) {
							return texts.get(key);
						}
					}
				}
			}
			catch (IllegalArgumentException ex) {
				// An unreadable Accept-Language is no reason to refuse the request.
			}
		}
		String fallback = texts.get(FALLBACK);
		return (fallback != null) ? fallback : texts.values().iterator().next();
	}

}
