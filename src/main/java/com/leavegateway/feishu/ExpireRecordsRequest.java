package com.leavegateway.feishu;

/** The JSON body leave_employ_expire_records takes on its GET. */
record ExpireRecordsRequest(String employmentId, String leaveTypeId, String startExpirationDate,
		String endExpirationDate, int timeOffset) {
}
