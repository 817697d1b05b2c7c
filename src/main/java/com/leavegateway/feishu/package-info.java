/**
 * The Feishu Open Platform client, and only that:
 * {@link com.leavegateway.feishu.FeishuClient} answers in the gateway's own {@code leave}
 * records; behind it the transport (quota permits, circuit breaker, retry, time-outs),
 * tenant tokens, paging, error codes, the settings ({@code feishu.*}) and the readiness
 * check. Feishu's wire records and their mapping to {@code leave} are package-private:
 * nothing outside this package sees Feishu's wire format.
 */
@NullMarked
package com.leavegateway.feishu;

import org.jspecify.annotations.NullMarked;
