package com.leavegateway.sandbox;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

import com.leavegateway.feishu.FeishuBaseUrl;
import com.leavegateway.sandbox.SandboxDirectory.Employee;
import com.leavegateway.sandbox.SandboxDirectory.LeaveType;
import com.leavegateway.sandbox.SandboxHttp.Answer;

import static com.leavegateway.sandbox.SandboxHttp.BALANCES;
import static com.leavegateway.sandbox.SandboxHttp.RECORDS;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** Feishu's rate limits, with small quotas so that a test reaches them in a few calls. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sandbox.quotas.leave-balances.limit=5", "sandbox.quotas.leave-expire-records.limit=2",
				"sandbox.quotas.leave-expire-records.period=60s", "sandbox.employees=50", "sandbox.seed=42" })
@ActiveProfiles("sandbox")
class SandboxRateLimitTests {

	@Autowired
	private FeishuBaseUrl baseUrl;

	@Autowired
	private SandboxRateLimits rateLimits;

	@Autowired
	private SandboxDirectory directory;

	private SandboxHttp http;

	private String token;

	@BeforeEach
	void connect() {
		this.rateLimits.reset();
		this.http = new SandboxHttp(this.baseUrl.get());
		this.token = this.http.token("cli_sandbox_demo0000", "sandbox-demo-secret-not-a-real-secret");
	}

	@Test
	void theSixthLeaveBalancesCallInAMinuteIsRefused() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.http.get(BALANCES, this.token, List.of(entry("page_size", "1"))).status()).isEqualTo(200);
		}
		Answer refused = this.http.get(BALANCES, this.token, List.of(entry("page_size", "1")));
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.code()).isEqualTo(99991400);
		assertThat(refused.json().path("msg").stringValue()).isEqualTo("request trigger frequency limit");
		assertThat(refused.header("x-ogw-ratelimit-limit")).isEqualTo("5");
		assertThat(Long.parseLong(refused.header("x-ogw-ratelimit-reset"))).isBetween(1L, 60L);
		// Quotas are per API: the other one is untouched.
		assertThat(expireRecords().status()).isEqualTo(200);
	}

	@Test
	void theExpireRecordsQuotaIsItsOwn() {
		assertThat(expireRecords().status()).isEqualTo(200);
		assertThat(expireRecords().status()).isEqualTo(200);
		Answer refused = expireRecords();
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.code()).isEqualTo(99991400);
		assertThat(refused.header("x-ogw-ratelimit-limit")).isEqualTo("2");
		assertThat(this.http.get(BALANCES, this.token, List.of(entry("page_size", "1"))).status()).isEqualTo(200);
	}

	@Test
	void aSmallDirectoryFromAnotherSeedIsServed() {
		assertThat(this.directory.employees()).hasSize(50);
		assertThat(this.directory).usingRecursiveComparison().isEqualTo(new SandboxDirectory(42, 50));
		Answer all = this.http.get(BALANCES, this.token, List.of(entry("page_size", "20"), entry("page_token",
				"{\"eu_nc\":\"[\\\"" + this.directory.employees().get(39).peopleCorehrId() + "\\\"]\"}")));
		assertThat(all.json().path("data").path("employment_leave_balance_list").size()).isEqualTo(10);
		assertThat(all.json().path("data").path("has_more").booleanValue()).isFalse();
	}

	private Answer expireRecords() {
		Employee employee = this.directory.employees().get(0);
		LeaveType type = this.directory.leaveTypes().get(0);
		return this.http.getWithBody(RECORDS + type.id(), this.token, List.of(),
				"{\"employment_id\":\"" + employee.openId() + "\",\"leave_type_id\":\"" + type.id()
						+ "\",\"start_expiration_date\":\"2025-01-01\",\"end_expiration_date\":\"2025-12-31\"}");
	}

}
