package com.leavegateway.feishu;

import org.jspecify.annotations.Nullable;

/** Feishu's envelope: {@code {"code": 0, "msg": "success", "data": {...}}}. */
record FeishuResponse<T>(@Nullable Integer code, @Nullable String msg, @Nullable T data) {
}
