package com.leavegateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.employee;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Base of the whole-stack tests: the real application on a random port, calling a
 * stand-in Feishu (WireMock) over real HTTP. Every subclass shares one Spring context, so
 * the cached tenant token survives from test to test: tests that count token calls either
 * build their own client or are written so that the count does not depend on it.
 * <p>
 * Quotas are so high that the rate limiter never slows a test; the response time-out is 2
 * s: short for the time-out test, long enough for a cold first call on a busy machine.
 * "Now" is {@link #NOW}: 04:30 on 2025-06-02 in Shanghai, still 2025-06-01 in UTC and New
 * York.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "feishu.app-id=" + GatewayStackTest.APP_ID, "feishu.app-secret=" + GatewayStackTest.APP_SECRET,
				"feishu.response-timeout=2s", "feishu.quotas.leave-balances.limit=100000",
				"feishu.quotas.leave-balances.period=1s", "feishu.quotas.leave-expire-records.limit=100000",
				"feishu.quotas.leave-expire-records.period=1s", "feishu.quotas.token.limit=100000",
				"feishu.quotas.token.period=1s", "gateway.security.api-keys.test-reader=" + GatewayHttp.API_KEY,
				"gateway.security.api-keys.test-admin=" + GatewayStackTest.ADMIN_KEY,
				"gateway.security.api-keys.test-hashed={sha256}" + GatewayStackTest.HASHED_KEY_SHA256,
				"gateway.security.admins=test-admin" })
@Import(FixedClockConfiguration.class)
public abstract class GatewayStackTest {

	public static final String APP_ID = "cli_test_app";

	public static final String APP_SECRET = "test-secret-value";

	public static final String ADMIN_KEY = "test-admin-key";

	/** A key configured only as its SHA-256 ({@code {sha256}<hex>}). */
	public static final String HASHED_KEY = "test-hashed-key";

	public static final String HASHED_KEY_SHA256 = "066c60e0291c489c2b28cf24ea2df9708ece971100f8176ca5b868d4228000a1";

	public static final Instant NOW = Instant.parse("2025-06-01T20:30:00Z");

	/** The balances of employee E1. */
	public static final String E1_BALANCES = "/api/v1/employees/E1/leave-balances";

	/**
	 * Chosen once per JVM: the extension starts a new WireMock for each test class (and
	 * stops it after), while the cached Spring context keeps the base URL it started
	 * with. A fixed port keeps both in agreement.
	 */
	private static final int FEISHU_PORT = freePort();

	@RegisterExtension
	protected static final WireMockExtension feishu = WireMockExtension.newInstance()
		.options(wireMockConfig().port(FEISHU_PORT))
		.resetOnEachTest(true)
		.build();

	@LocalServerPort
	private int port;

	protected GatewayHttp gateway;

	protected FeishuStandIn standIn;

	@DynamicPropertySource
	static void feishuBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("feishu.base-url", feishu::baseUrl);
	}

	@Autowired
	private ObjectProvider<CacheManager> caches;

	@Autowired
	private ObjectProvider<CircuitBreakerRegistry> circuitBreakers;

	/**
	 * The context outlives a test: what the gateway cached, and the failures its circuit
	 * breakers counted, are forgotten so that each test sees Feishu afresh. (The tenant
	 * token is kept; see the class comment.)
	 */
	@BeforeEach
	void forgetWhatEarlierTestsLeft() {
		this.caches.ifAvailable((manager) -> manager.getCacheNames().forEach((name) -> manager.getCache(name).clear()));
		this.circuitBreakers.ifAvailable((registry) -> registry.getAllCircuitBreakers().forEach(CircuitBreaker::reset));
	}

	/** WireMock has just been reset: the token endpoint answers, nothing else does. */
	@BeforeEach
	void standInFeishu() {
		this.gateway = new GatewayHttp(this.port);
		this.standIn = new FeishuStandIn(feishu);
		this.standIn.token(FeishuStandIn.TOKEN, 7200);
	}

	/**
	 * Feishu heals (the stand-in is reset to a token and E1 with a balance of 5.5): the
	 * next request for E1 goes to Feishu and gets the new value, the one after is a hit.
	 * Whatever failed before left nothing in the cache.
	 */
	protected void assertFeishuHealsAndTheNextRequestGoesUpstream() {
		feishu.resetAll();
		this.standIn.token(FeishuStandIn.TOKEN, 7200);
		this.standIn.balances(employee("E1", "甲", balance("7001", "年假", 1, "5.5")));

		GatewayHttp.Response healed = this.gateway.get(E1_BALANCES);

		assertThat(healed.status()).as(healed.body()).isEqualTo(200);
		assertThat(healed.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(healed.json().path("balances").path(0).path("balance").decimalValue()).isEqualByComparingTo("5.5");
		assertThat(this.standIn.balanceRequests()).hasSize(1);

		GatewayHttp.Response cached = this.gateway.get(E1_BALANCES);

		assertThat(cached.cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(cached.json().path("balances").path(0).path("balance").decimalValue()).isEqualByComparingTo("5.5");
		assertThat(this.standIn.balanceRequests()).hasSize(1);
	}

	/**
	 * The sum of the samples of {@code name} in /actuator/prometheus whose labels include
	 * {@code labels}; 0 when there are none.
	 */
	protected double metric(String name, String... labels) {
		GatewayHttp.Response exposition = this.gateway.request("GET", "/actuator/prometheus", ADMIN_KEY);
		assertThat(exposition.status()).isEqualTo(200);
		return Math.max(0, Prometheus.sample(exposition.body(), name, labels));
	}

	/**
	 * Waits until no refresh of the balances or expiring-grants cache runs, so that none
	 * reaches Feishu during the next test.
	 */
	protected void awaitNoRefreshRunning() {
		await().atMost(Duration.ofSeconds(10))
			.until(() -> metric("gateway_cache_refreshes_running", "cache", "balances") == 0
					&& metric("gateway_cache_refreshes_running", "cache", "expiring-grants") == 0);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
