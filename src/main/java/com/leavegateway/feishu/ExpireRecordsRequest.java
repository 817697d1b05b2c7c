package com.leavegateway.feishu;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The JSON body leave_employ_expire_records takes on its GET. */
record ExpireRecordsRequest(@JsonProperty("employment_id") String employmentId,
		@JsonProperty("leave_type_id") String leaveTypeId,
		@JsonProperty("start_expiration_date") String startExpirationDate,
		@JsonProperty("end_expiration_date") String endExpirationDate, @JsonProperty("time_offset") int timeOffset) {
}
