package com.leavegateway.web;

import java.time.Period;
import java.time.ZoneId;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the gateway's own API accepts.
 *
 * @param defaultTimeZone Time zone for "today" and for Feishu's time_zone when a request
 * names none.
 * @param maxEmployeeIds Most employee ids one leave-balances request may name (each 100
 * costs Feishu at least five calls of its 100 a minute).
 * @param defaultGrantWindow Length of the expiring-grants window when a request gives no
 * {@code to}.
 */
@ConfigurationProperties("gateway")
@Validated
public record GatewayProperties(@DefaultValue("Asia/Shanghai") @NotNull ZoneId defaultTimeZone,
		@DefaultValue("1000") @Min(1) @Max(100_000) int maxEmployeeIds,
		@DefaultValue("90d") @NotNull Period defaultGrantWindow) {
}
