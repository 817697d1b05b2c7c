package com.leavegateway.leave;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One grant of leave (Feishu: a granting record).
 *
 * @param id Feishu's record id.
 * @param leaveTypeId The leave type granted.
 * @param leaveSubTypeId The leave sub-type, null when there is none.
 * @param quantity How much was granted.
 * @param remaining How much of it is left.
 * @param unit DAY or HOUR; UNKNOWN when Feishu sent a unit it does not document.
 * @param unitCode With UNKNOWN only: Feishu's granting_unit as sent.
 * @param effectiveDate First day the grant can be used.
 * @param expirationDate Last day the grant can be used.
 * @param reason Why it was granted, in the caller's language.
 * @param reasons The reasons by language tag.
 * @param source Where the grant came from; UNKNOWN when Feishu sent a source it does not
 * document.
 * @param sourceCode With UNKNOWN only: Feishu's accrual_source as sent.
 * @param updatedExternally Whether an external system changed it.
 * @param prorated Whether it takes part in proration (Feishu section_type 2).
 */
public record Grant(String id, @Nullable String leaveTypeId, @Nullable String leaveSubTypeId,
		@Nullable BigDecimal quantity, @Nullable BigDecimal remaining, LeaveUnit unit,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer unitCode, @Nullable LocalDate effectiveDate,
		@Nullable LocalDate expirationDate, @Nullable String reason, Map<String, String> reasons, GrantSource source,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer sourceCode, boolean updatedExternally,
		boolean prorated) {

	public Grant localized(@Nullable String acceptLanguage) {
		return new Grant(this.id, this.leaveTypeId, this.leaveSubTypeId, this.quantity, this.remaining, this.unit,
				this.unitCode, this.effectiveDate, this.expirationDate, Languages.pick(this.reasons, acceptLanguage),
				this.reasons, this.source, this.sourceCode, this.updatedExternally, this.prorated);
	}

}
