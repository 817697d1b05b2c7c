package com.leavegateway.grants;

import org.jspecify.annotations.Nullable;

import com.leavegateway.feishu.FeishuApi;
import com.leavegateway.feishu.FeishuValues;

/** Where a grant came from: Feishu's accrual_source 1 to 6. */
public enum GrantSource {

	SYSTEM, MANUAL, EXTERNAL_SYSTEM, VIRTUAL, LEGACY_IMPORT, OVERTIME_CONVERSION;

	static GrantSource fromFeishu(@Nullable Integer accrualSource) {
		if (accrualSource == null || accrualSource < 1 || accrualSource > values().length) {
			throw FeishuValues.badResponse(FeishuApi.LEAVE_EXPIRE_RECORDS, "unknown accrual source");
		}
		return values()[accrualSource - 1];
	}

}
