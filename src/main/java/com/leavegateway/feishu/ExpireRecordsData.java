package com.leavegateway.feishu;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** {@code data} of leave_employ_expire_records. */
record ExpireRecordsData(@Nullable List<ExpireRecord> records) {
}
