package com.leavegateway.leave;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One grant of leave (Feishu: a granting record).
 *
 * @param id Feishu's record id.
 * @param leaveTypeId The leave type granted.
 * @param leaveSubTypeId The leave sub-type, null when there is none.
 * @param quantity How much was granted.
 * @param remaining How much of it is left.
 * @param unit DAY or HOUR.
 * @param effectiveDate First day the grant can be used.
 * @param expirationDate Last day the grant can be used.
 * @param reason Why it was granted, in the caller's language.
 * @param reasons The reasons by language tag.
 * @param source Where the grant came from.
 * @param updatedExternally Whether an external system changed it.
 * @param prorated Whether it takes part in proration (Feishu section_type 2).
 */
public record Grant(String id, @Nullable String leaveTypeId, @Nullable String leaveSubTypeId,
		@Nullable BigDecimal quantity, @Nullable BigDecimal remaining, LeaveUnit unit,
		@Nullable LocalDate effectiveDate, @Nullable LocalDate expirationDate, @Nullable String reason,
		Map<String, String> reasons, GrantSource source, boolean updatedExternally, boolean prorated) {

	public Grant localized(@Nullable String acceptLanguage) {
		return new Grant(this.id, this.leaveTypeId, this.leaveSubTypeId, this.quantity, this.remaining, this.unit,
				this.effectiveDate, this.expirationDate, Languages.pick(this.reasons, acceptLanguage), this.reasons,
				this.source, this.updatedExternally, this.prorated);
	}

}
