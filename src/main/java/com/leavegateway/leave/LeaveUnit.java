package com.leavegateway.leave;

/** What a leave quantity counts. */
public enum LeaveUnit {

	DAY, HOUR

}
