package com.leavegateway.sandbox;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.leavegateway.sandbox.SandboxTokens.Check;
import com.leavegateway.sandbox.SandboxTokens.Issued;

import static org.assertj.core.api.Assertions.assertThat;

import com.leavegateway.support.MutableClock;

class SandboxTokensTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));

	private final SandboxTokens tokens = new SandboxTokens(this.clock, Duration.ofHours(2), Duration.ofMinutes(30));

	@Test
	void reusesTheTokenWhileMoreThanTheMarginIsLeft() {
		Issued first = this.tokens.issue();
		assertThat(first.token()).matches("t-[0-9a-f]{32}");
		assertThat(first.expiresIn()).isEqualTo(7200);
		this.clock.advance(Duration.ofMinutes(89));
		Issued again = this.tokens.issue();
		assertThat(again.token()).isEqualTo(first.token());
		assertThat(again.expiresIn()).isEqualTo(31 * 60);
	}

	@Test
	void issuesANewTokenNearExpiryAndTheOldOneStaysValidUntilItsOwnExpiry() {
		Issued first = this.tokens.issue();
		this.clock.advance(Duration.ofMinutes(91));
		Issued second = this.tokens.issue();
		assertThat(second.token()).isNotEqualTo(first.token());
		assertThat(second.expiresIn()).isEqualTo(7200);
		assertThat(this.tokens.check(first.token())).isEqualTo(Check.VALID);
		this.clock.advance(Duration.ofMinutes(29));
		assertThat(this.tokens.check(first.token())).isEqualTo(Check.EXPIRED);
		assertThat(this.tokens.check(second.token())).isEqualTo(Check.VALID);
	}

	@Test
	void revokedTokensAreUnknownAndExpiredOnesSaySo() {
		Issued first = this.tokens.issue();
		this.tokens.expireAll();
		assertThat(this.tokens.check(first.token())).isEqualTo(Check.EXPIRED);
		Issued second = this.tokens.issue();
		assertThat(second.token()).isNotEqualTo(first.token());
		this.tokens.revokeAll();
		assertThat(this.tokens.check(first.token())).isEqualTo(Check.UNKNOWN);
		assertThat(this.tokens.check(second.token())).isEqualTo(Check.UNKNOWN);
		assertThat(this.tokens.check("t-never-issued")).isEqualTo(Check.UNKNOWN);
		assertThat(this.tokens.issue().token()).isNotEqualTo(second.token());
	}

	@Test
	void defaultMarginIsAQuarterOfAShortTtl() {
		SandboxProperties properties = new SandboxProperties(10, 1, "id", "secret", Duration.ofSeconds(20), null,
				new SandboxProperties.Quotas(new SandboxProperties.LeaveBalancesQuota(100, Duration.ofSeconds(60)),
						new SandboxProperties.LeaveExpireRecordsQuota(50, Duration.ofSeconds(1))),
				Duration.ZERO, SandboxFaultsTests.LIMITS, 0);
		assertThat(properties.effectiveTokenRenewBefore()).isEqualTo(Duration.ofSeconds(5));
		SandboxProperties feishuLike = new SandboxProperties(10, 1, "id", "secret", Duration.ofHours(2), null,
				properties.quotas(), Duration.ZERO, SandboxFaultsTests.LIMITS, 0);
		assertThat(feishuLike.effectiveTokenRenewBefore()).isEqualTo(Duration.ofMinutes(30));
	}

}
