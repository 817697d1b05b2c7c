package com.leavegateway.leave;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One employee's leave balances on a date.
 *
 * @param employeeId The id in the requested idType.
 * @param name The name in the caller's language (Accept-Language), else zh-CN, else any.
 * @param names The names by language tag.
 * @param asOfDate The date the balances are computed for.
 * @param balances One entry per leave type.
 * @param fetchedAt When the gateway read these figures from Feishu.
 */
public record Employee(String employeeId, @Nullable String name, Map<String, String> names, LocalDate asOfDate,
		List<Balance> balances, Instant fetchedAt) {

	/**
	 * The same figures with names chosen for the caller's language; cached copies carry
	 * none.
	 */
	public Employee localized(@Nullable String acceptLanguage) {
		return new Employee(this.employeeId, Languages.pick(this.names, acceptLanguage), this.names, this.asOfDate,
				this.balances.stream().map((balance) -> balance.localized(acceptLanguage)).toList(), this.fetchedAt);
	}

}
