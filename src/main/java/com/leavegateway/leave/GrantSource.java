package com.leavegateway.leave;

/**
 * Where a grant came from (Feishu's accrual_source 1 to 6, in this order). UNKNOWN: a
 * source Feishu does not document (the raw value is in the sibling {@code sourceCode}).
 */
public enum GrantSource {

	SYSTEM, MANUAL, EXTERNAL_SYSTEM, VIRTUAL, LEGACY_IMPORT, OVERTIME_CONVERSION, UNKNOWN

}
