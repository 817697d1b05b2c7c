package com.leavegateway.feishu;

import java.time.LocalDate;

/**
 * One employee's grants of one leave type that expire in [from, to];
 * {@code timeOffsetMinutes} east of UTC.
 */
public record ExpireRecordsQuery(UserIdType idType, String employeeId, String leaveTypeId, LocalDate from, LocalDate to,
		int timeOffsetMinutes) {
}
