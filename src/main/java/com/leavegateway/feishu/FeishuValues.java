package com.leavegateway.feishu;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads Feishu's string-typed values exactly; a value that does not parse makes the
 * answer unusable (502).
 */
final class FeishuValues {

	private FeishuValues() {
	}

	/**
	 * "2.5", "0.000001", "-1.5" as exact decimals, no rounding; null or "" stays null.
	 */
	static @Nullable BigDecimal decimal(FeishuApi api, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return new BigDecimal(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new FeishuBadResponseException(api, 200, "a quantity is not a decimal number");
		}
	}

	static @Nullable LocalDate date(FeishuApi api, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new FeishuBadResponseException(api, 200, "a date is not yyyy-MM-dd");
		}
	}

	/**
	 * Localized texts keyed by BCP 47 tag ({@code zh_CN} becomes {@code zh-CN}), in
	 * Feishu's order.
	 */
	static Map<String, String> texts(@Nullable List<FeishuI18n> texts) {
		Map<String, String> byLanguage = new LinkedHashMap<>();
		if (texts != null) {
			for (FeishuI18n text : texts) {
				if (text != null && text.lang() != null && text.value() != null) {
					byLanguage.putIfAbsent(text.lang().replace('_', '-'), text.value());
				}
			}
		}
		return byLanguage;
	}

	/** Feishu answered something structurally wrong. */
	static FeishuException badResponse(FeishuApi api, String reason) {
		return new FeishuBadResponseException(api, 200, reason);
	}

}
