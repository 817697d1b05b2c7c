package com.leavegateway.feishu;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach Feishu and how hard to use it.
 *
 * @param baseUrl Feishu Open Platform base URL; Lark (international) tenants use
 * https://open.larksuite.com.
 * @param appId App ID of the custom app ({@code cli_...}). Required outside the sandbox
 * profile.
 * @param appSecret App secret of the custom app. Required outside the sandbox profile;
 * never logged or shown.
 * @param pageSize Employees per leave-balances page. Feishu's maximum is 20, and a full
 * page is the cheapest.
 * @param connectTimeout Time allowed to open a TCP connection to Feishu.
 * @param responseTimeout Time allowed for one Feishu call, from sending the request to
 * the last byte of the answer.
 * @param tokenRefreshMargin How long before a tenant token expires the gateway fetches
 * the next one.
 * @param tokenRenewalBackoff While the token endpoint fails and the current token is
 * still valid, the gateway tries to renew it at most once in this time (one call, no
 * retries), instead of on every request.
 * @param maxConcurrentCalls Most calls of one Feishu API in flight at once (per replica):
 * a request's batches, and those of concurrent requests, go to Feishu together up to this
 * many.
 * @param quotas Call quotas per Feishu API, as Feishu counts them (per app and tenant).
 */
@ConfigurationProperties("feishu")
@Validated
record FeishuProperties(@DefaultValue("https://open.feishu.cn") @NotNull URI baseUrl, @Nullable String appId,
		@Nullable String appSecret, @DefaultValue("20") @Min(1) @Max(20) int pageSize,
		@DefaultValue("2s") @NotNull Duration connectTimeout, @DefaultValue("10s") @NotNull Duration responseTimeout,
		@DefaultValue("5m") @NotNull Duration tokenRefreshMargin,
		@DefaultValue("5s") @NotNull Duration tokenRenewalBackoff, @DefaultValue("8") @Min(1) int maxConcurrentCalls,
		@Valid @NotNull Quotas quotas) {

	/**
	 * Feishu's quotas. The defaults live in application.yml, where they are explained.
	 *
	 * @param leaveBalances Quota of GET /open-apis/corehr/v1/leaves/leave_balances
	 * (Feishu: 100 a minute).
	 * @param leaveExpireRecords Quota of GET
	 * /open-apis/attendance/v1/leave_employ_expire_records (Feishu: 50 a second).
	 * @param token Quota of the tenant-token endpoint (undocumented by Feishu; bounds a
	 * renewal storm).
	 * @param maxWait The whole wait budget of one request: when the permits it needs
	 * cannot all be had within it (a pause Feishu asked for included), it is answered 429
	 * QUOTA_EXHAUSTED at once, before any call is made for it.
	 * @param spacingMargin Extra length of the window calls are counted in, as a fraction
	 * of the period (0.02 = 2 %): room for network jitter between the gateway's send and
	 * Feishu's counting.
	 * @param interactiveReserve Share of every window that bulk calls (all-employee
	 * listings, exports, long lists) and background calls never take, kept for people
	 * waiting on one employee or a short list; background calls only take a permit that
	 * leaves the window below {@code limit x (1 - 2 x reserve)}.
	 */
	public record Quotas(@Valid @NotNull Quota leaveBalances, @Valid @NotNull Quota leaveExpireRecords,
			@Valid @NotNull Quota token, @NotNull Duration maxWait,
			@DefaultValue("0") @DecimalMin("0") @DecimalMax("0.5") double spacingMargin,
			@DefaultValue("0.2") @DecimalMin("0") @DecimalMax(value = "0.5",
					inclusive = false) double interactiveReserve) {
	}

	/**
	 * At most {@code limit} calls in any window of {@code period}.
	 *
	 * @param limit Calls allowed in any window of {@code period}, counted at send time;
	 * within it calls go at once (bursts included).
	 * @param period Length of the window.
	 * @param fullAfterLoss With {@code gateway.coordination.mode=redis}: whether the
	 * window counts as full for one period when its shared log was lost (Redis restarted
	 * or was flushed, or a new key prefix), because Feishu may still count the calls made
	 * in the last period. True for Feishu's own quotas; false for the token's, a bound of
	 * the gateway's own, so that a new deployment gets its first token at once.
	 */
	public record Quota(@Min(1) int limit, @NotNull Duration period, @DefaultValue("true") boolean fullAfterLoss) {
	}

	/** Keeps the secret out of anything that prints the properties. */
	@Override
	public String toString() {
		return "FeishuProperties[baseUrl=" + this.baseUrl + ", appId=" + this.appId + ", appSecret="
				+ ((this.appSecret != null) ? "******" : null) + ", pageSize=" + this.pageSize + "]";
	}

}
