package com.leavegateway.balances;

import org.jspecify.annotations.Nullable;

import com.leavegateway.feishu.FeishuApi;
import com.leavegateway.feishu.FeishuValues;

/** What a leave quantity counts. Feishu says 1 for days, 2 for hours. */
public enum LeaveUnit {

	DAY, HOUR;

	/**
	 * Feishu's unit code; any other value makes the answer unusable rather than guessed.
	 */
	public static LeaveUnit fromFeishu(FeishuApi api, @Nullable Integer code) {
		if (code != null && code == 1) {
			return DAY;
		}
		if (code != null && code == 2) {
			return HOUR;
		}
		throw FeishuValues.badResponse(api, "unknown leave unit");
	}

}
