package com.leavegateway.quota;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QuotaSpecTests {

	@Test
	void classesFillTheWindowToTheirThresholds() {
		QuotaSpec balances = new QuotaSpec("feishu-leave-balances", 100, Duration.ofSeconds(60), 0.02, 0.2, 8);

		assertThat(balances.threshold(Priority.INTERACTIVE)).isEqualTo(100);
		// floor(100 x 0.8), computed exactly (in binary floating point it is 79.99...).
		assertThat(balances.threshold(Priority.BULK)).isEqualTo(80);
		// Below 100 x 0.6 after the send: at most 59.
		assertThat(balances.threshold(Priority.BACKGROUND)).isEqualTo(59);
		assertThat(balances.window()).isEqualTo(Duration.ofMillis(61_200));
	}

	@Test
	void withoutAReserveBackgroundStillStaysBelowTheLimit() {
		QuotaSpec quota = new QuotaSpec("q", 10, Duration.ofSeconds(1), 0, 0, 1);

		assertThat(quota.threshold(Priority.BULK)).isEqualTo(10);
		assertThat(quota.threshold(Priority.BACKGROUND)).isEqualTo(9);
	}

	@Test
	void everyClassGetsOneCallThroughATinyQuota() {
		QuotaSpec quota = new QuotaSpec("q", 1, Duration.ofSeconds(1), 0, 0.45, 1);

		assertThat(quota.threshold(Priority.BULK)).isEqualTo(1);
		assertThat(quota.threshold(Priority.BACKGROUND)).isEqualTo(1);
	}

	@Test
	void refusesWhatCannotWork() {
		assertThatIllegalArgumentException().isThrownBy(() -> new QuotaSpec("q", 0, Duration.ofSeconds(1), 0, 0.2, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new QuotaSpec("q", 1, Duration.ZERO, 0, 0.2, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new QuotaSpec("q", 1, Duration.ofSeconds(1), 0, 0.5, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new QuotaSpec("q", 1, Duration.ofSeconds(1), 0, 0.2, 0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new QuotaSpec("a{b}", 1, Duration.ofSeconds(1), 0, 0.2, 1));
	}

}
