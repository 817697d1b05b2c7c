package com.leavegateway.sandbox;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Profile;
import org.springframework.validation.annotation.Validated;

/**
 * The Feishu simulator's settings, {@code sandbox.*}. Registered by
 * {@link SandboxConfiguration}; the {@code @Profile} keeps the properties scan from
 * creating it when the sandbox is off.
 *
 * @param employees How many employees the simulated tenant has.
 * @param seed Seed of the generated directory, balances and grants: the same seed always
 * gives the same data.
 * @param appId App id the token endpoint accepts. A fake, clearly no Feishu app's.
 * @param appSecret App secret the token endpoint accepts. A fake, never a real secret.
 * @param tokenTtl Lifetime of a tenant access token; Feishu's is 2 hours.
 * @param tokenRenewBefore A token asked for again with less than this left is replaced by
 * a new one. Unset, it is 30 minutes (Feishu's rule) or a quarter of {@code token-ttl} if
 * that is shorter, so a short test ttl works.
 * @param quotas Rate limits per simulated API, counted in sliding windows.
 * @param latency Extra time every simulated call takes before answering, to see the
 * gateway under a slow Feishu.
 * @param faults Limits of the faults an admin can switch on at {@code /sandbox/faults}.
 * @param feishuPort Port of the simulated Feishu's own HTTP server on the loopback
 * address, which the gateway calls (it keeps serving while the application's port shuts
 * down); 0 picks a free one.
 */
@ConfigurationProperties("sandbox")
@Validated
@Profile("sandbox")
record SandboxProperties(@DefaultValue("1200") @Min(1) @Max(100_000) int employees, @DefaultValue("20240229") long seed,
		@DefaultValue("cli_sandbox_demo0000") @NotBlank String appId,
		@DefaultValue("sandbox-demo-secret-not-a-real-secret") @NotBlank String appSecret,
		@DefaultValue("2h") @NotNull @DurationMin(seconds = 1) Duration tokenTtl,
		@Nullable @DurationMin(millis = 1) Duration tokenRenewBefore, @DefaultValue @Valid @NotNull Quotas quotas,
		@DefaultValue("0ms") @NotNull @DurationMin(millis = 0) Duration latency,
		@DefaultValue @Valid @NotNull Faults faults, @DefaultValue("0") @Min(0) @Max(65535) int feishuPort) {

	private static final Duration FEISHU_RENEW_BEFORE = Duration.ofMinutes(30);

	/**
	 * The renewal margin in force: the configured one, else Feishu's 30 minutes capped at
	 * a quarter ttl.
	 */
	Duration effectiveTokenRenewBefore() {
		if (this.tokenRenewBefore != null) {
			return this.tokenRenewBefore;
		}
		Duration quarter = this.tokenTtl.dividedBy(4);
		return (quarter.compareTo(FEISHU_RENEW_BEFORE) < 0) ? quarter : FEISHU_RENEW_BEFORE;
	}

	/**
	 * Masks the secret, fake as it is, so that overriding it with anything else stays
	 * safe to print.
	 */
	@Override
	public String toString() {
		return "SandboxProperties[employees=" + this.employees + ", seed=" + this.seed + ", appId=" + this.appId
				+ ", appSecret=******, tokenTtl=" + this.tokenTtl + ", quotas=" + this.quotas + ", latency="
				+ this.latency + ", faults=" + this.faults + ", feishuPort=" + this.feishuPort + "]";
	}

	/**
	 * Faults switched on at {@code /sandbox/faults}: how long they last and how many
	 * there may be.
	 *
	 * @param defaultDuration How long a fault lasts when its request names no duration.
	 * @param maxDuration The longest a fault may last.
	 * @param maxLatency The most latency a SLOW fault may add to a call (each slow call
	 * holds a server thread that long).
	 * @param maxActive The most faults active at once.
	 */
	record Faults(@DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration defaultDuration,
			@DefaultValue("24h") @NotNull @DurationMin(seconds = 1) Duration maxDuration,
			@DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration maxLatency,
			@DefaultValue("100") @Min(1) int maxActive) {
	}

	/**
	 * Rate limits, one per simulated API, each counted in a sliding window.
	 *
	 * @param leaveBalances Quota of {@code leave_balances}; Feishu's is 100 calls a
	 * minute.
	 * @param leaveExpireRecords Quota of {@code leave_employ_expire_records}; Feishu's is
	 * 50 calls a second.
	 */
	record Quotas(@DefaultValue @Valid @NotNull LeaveBalancesQuota leaveBalances,
			@DefaultValue @Valid @NotNull LeaveExpireRecordsQuota leaveExpireRecords) {
	}

	/**
	 * A limit of calls within a period; two types only so that each API has its own
	 * defaults.
	 */
	interface Quota {

		int limit();

		Duration period();

	}

	/**
	 * Quota of {@code leave_balances}.
	 *
	 * @param limit Calls allowed in any window of {@code period}.
	 * @param period Length of the sliding window.
	 */
	record LeaveBalancesQuota(@DefaultValue("100") @Positive int limit,
			@DefaultValue("60s") @NotNull @DurationMin(millis = 1) Duration period) implements Quota {
	}

	/**
	 * Quota of {@code leave_employ_expire_records}.
	 *
	 * @param limit Calls allowed in any window of {@code period}.
	 * @param period Length of the sliding window.
	 */
	record LeaveExpireRecordsQuota(@DefaultValue("50") @Positive int limit,
			@DefaultValue("1s") @NotNull @DurationMin(millis = 1) Duration period) implements Quota {
	}

}
