package com.leavegateway.balances;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which class a balances request's Feishu calls belong to (the quota's
 * {@code INTERACTIVE} or {@code BULK}).
 *
 * @param bulkThreshold Most employee ids a list request may name and still be served as
 * interactive (someone waits for it); longer lists, all-employee listings and exports are
 * bulk, and never take the interactive reserve of a window.
 */
@ConfigurationProperties("gateway.priority")
@Validated
record PriorityProperties(@DefaultValue("100") @Min(1) int bulkThreshold) {
}
