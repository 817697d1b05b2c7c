package com.leavegateway.leave;

/**
 * What a leave quantity counts. UNKNOWN: a unit Feishu does not document (the raw value
 * is in the sibling {@code unitCode}).
 */
public enum LeaveUnit {

	DAY, HOUR, UNKNOWN

}
