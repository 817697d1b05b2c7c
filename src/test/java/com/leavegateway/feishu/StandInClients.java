package com.leavegateway.feishu;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import com.leavegateway.web.Futures;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.leave.ExpiringGrantsQuery;
import com.leavegateway.leave.Grant;
import com.leavegateway.quota.Priority;
import com.leavegateway.support.GatewayStackTest;

/**
 * A {@link FeishuClient} wired by the application's own
 * {@link FeishuClientConfiguration}, in a small context of its own, fresh for each test:
 * its token cache starts cold, its registries hold no state of other tests, and its clock
 * is the test's. Quotas are high enough never to slow a test; a retry takes the
 * application's predicate but hardly waits. Close it after the test.
 */
final class StandInClients implements AutoCloseable {

	static final Duration MARGIN = Duration.ofMinutes(5);

	static final Duration RENEWAL_BACKOFF = Duration.ofSeconds(5);

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();

	StandInClients(String baseUrl, Clock clock) {
		FeishuProperties.Quota high = new FeishuProperties.Quota(100_000, Duration.ofSeconds(1), true);
		FeishuProperties properties = new FeishuProperties(URI.create(baseUrl), GatewayStackTest.APP_ID,
				GatewayStackTest.APP_SECRET, 20, Duration.ofSeconds(2), Duration.ofSeconds(5), MARGIN, RENEWAL_BACKOFF,
				8, new FeishuProperties.Quotas(high, high, high, Duration.ofSeconds(10), 0, 0.2));
		RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(3)
			.waitDuration(Duration.ofMillis(1))
			.retryOnException(new RetryableFailure())
			.build());
		this.context.registerBean(FeishuProperties.class, () -> properties);
		this.context.registerBean(Clock.class, () -> clock);
		this.context.registerBean(WebClient.Builder.class, WebClient::builder);
		this.context.registerBean(RateLimiterRegistry.class, RateLimiterRegistry::ofDefaults);
		this.context.registerBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults);
		this.context.registerBean(RetryRegistry.class, () -> retries);
		this.context.registerBean(MeterRegistry.class, SimpleMeterRegistry::new);
		this.context.register(FeishuClientConfiguration.class);
		this.context.refresh();
	}

	FeishuClient client() {
		return this.context.getBean(FeishuClient.class);
	}

	/** The balances of {@code ids}, as an interactive request gets them; waits here. */
	static List<Employee> balances(FeishuClient client, BalanceQuery query, List<String> ids) {
		return answer(client, query, ids).employees();
	}

	/** The answer for {@code ids}, failed employees included; waits here. */
	static LeaveBalances answer(FeishuClient client, BalanceQuery query, List<String> ids) {
		return Futures.join(client.leaveBalances(query, ids, client.urgency(Priority.INTERACTIVE), null));
	}

	/** Every page of a listing, as a bulk request gets them; waits here. */
	static void pages(FeishuClient client, BalanceQuery query, List<String> ids, Consumer<List<Employee>> onPage) {
		Futures
			.join(client.leaveBalancePages(query, ids, () -> client.urgency(Priority.BULK), null, onPage, (failed) -> {
			}));
	}

	/** The expiring grants of {@code query}, as an interactive request gets them. */
	static List<Grant> grants(FeishuClient client, ExpiringGrantsQuery query) {
		return Futures.join(client.expiringGrants(query, client.urgency(Priority.INTERACTIVE)));
	}

	@Override
	public void close() {
		this.context.close();
	}

}
