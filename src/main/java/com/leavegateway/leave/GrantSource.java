package com.leavegateway.leave;

/** Where a grant came from (Feishu's accrual_source 1 to 6, in this order). */
public enum GrantSource {

	SYSTEM, MANUAL, EXTERNAL_SYSTEM, VIRTUAL, LEGACY_IMPORT, OVERTIME_CONVERSION

}
