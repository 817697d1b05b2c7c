package com.leavegateway.grants;

import com.leavegateway.balances.LeaveUnit;
import com.leavegateway.feishu.ExpireRecord;
import com.leavegateway.feishu.FeishuApi;
import com.leavegateway.feishu.FeishuValues;

/** Feishu's expire records to the gateway's grants. */
final class FeishuGrantMapping {

	private static final FeishuApi API = FeishuApi.LEAVE_EXPIRE_RECORDS;

	private FeishuGrantMapping() {
	}

	static Grant grant(ExpireRecord record) {
		String subType = record.leaveSubTypeId();
		return new Grant(record.id(), record.leaveTypeId(), (subType == null || subType.isEmpty()) ? null : subType,
				FeishuValues.decimal(API, record.grantingQuantity()),
				FeishuValues.decimal(API, record.leftGrantingQuantity()),
				LeaveUnit.fromFeishu(API, record.grantingUnit()), FeishuValues.date(API, record.effectiveDate()),
				FeishuValues.date(API, record.expirationDate()), null, FeishuValues.texts(record.reason()),
				GrantSource.fromFeishu(record.accrualSource()), Boolean.TRUE.equals(record.isUpdateByExternal()),
				record.sectionType() != null && record.sectionType() == 2);
	}

}
