package com.leavegateway.feishu;

/**
 * Feishu's localized text: {@code {"lang": "zh-CN", "value": "张三"}} (expire records write
 * {@code zh_CN}).
 */
record FeishuI18n(String lang, String value) {
}
