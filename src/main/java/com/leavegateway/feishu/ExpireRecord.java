package com.leavegateway.feishu;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One grant record of leave_employ_expire_records: Feishu's fields, named in camel case
 * (snake_case on the wire).
 */
record ExpireRecord(String id, @Nullable String employmentId, @Nullable String leaveTypeId,
		@Nullable String grantingQuantity, @Nullable String leftGrantingQuantity, @Nullable Integer grantingUnit,
		@Nullable String effectiveDate, @Nullable String expirationDate, @Nullable List<FeishuI18n> reason,
		@Nullable Boolean isUpdateByExternal, @Nullable Integer accrualSource, @Nullable String leaveSubTypeId,
		@Nullable Integer sectionType) {
}
