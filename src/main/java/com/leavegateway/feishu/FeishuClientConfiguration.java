package com.leavegateway.feishu;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

import com.leavegateway.quota.QuotaEngine;
import com.leavegateway.quota.QuotaSpec;
import com.leavegateway.quota.RateLimiterGate;
import com.leavegateway.quota.SendWindows;

/** Wires the Feishu client from {@link FeishuProperties}. */
@Configuration(proxyBeanMethods = false)
class FeishuClientConfiguration {

	/**
	 * Where Feishu is: {@code feishu.base-url}. The sandbox profile puts a
	 * {@code @Primary} one beside it.
	 */
	@Bean
	FeishuBaseUrl feishuBaseUrl(FeishuProperties properties) {
		return properties::baseUrl;
	}

	/**
	 * Contributes "feishu" to /actuator/health; application.yml puts it in the readiness
	 * group.
	 */
	@Bean
	FeishuHealthIndicator feishuHealthIndicator(FeishuClient feishuClient,
			CircuitBreakerRegistry circuitBreakerRegistry) {
		return new FeishuHealthIndicator(feishuClient, circuitBreakerRegistry);
	}

	/**
	 * The scheduler of Feishu's quotas: per API the exact send-time window of
	 * {@code feishu.quotas.*} (in this JVM or, with
	 * {@code gateway.coordination.mode=redis}, in Redis), classes and the interactive
	 * reserve, {@code feishu.max-concurrent-calls} in flight, and the API's Resilience4j
	 * rate limiter ({@code limitForPeriod = limit}) as a coarse first gate that never
	 * waits.
	 */
	@Bean(destroyMethod = "close")
	QuotaEngine feishuQuotaEngine(FeishuProperties properties, ObjectProvider<SendWindows> sendWindows,
			RateLimiterRegistry rateLimiterRegistry, MeterRegistry meterRegistry) {
		FeishuProperties.Quotas quotas = properties.quotas();
		QuotaEngine.Builder engine = QuotaEngine.builder(sendWindows.getIfAvailable(SendWindows::local))
			.meters(meterRegistry);
		Map<FeishuApi, FeishuProperties.Quota> byApi = Map.of(FeishuApi.TOKEN, quotas.token(), FeishuApi.LEAVE_BALANCES,
				quotas.leaveBalances(), FeishuApi.LEAVE_EXPIRE_RECORDS, quotas.leaveExpireRecords());
		for (FeishuApi api : FeishuApi.values()) {
			FeishuProperties.Quota quota = byApi.get(api);
			QuotaSpec spec = new QuotaSpec(api.id(), quota.limit(), quota.period(), quotas.spacingMargin(),
					quotas.interactiveReserve(), properties.maxConcurrentCalls(), quota.fullAfterLoss());
			engine.quota(spec, RateLimiterGate.register(rateLimiterRegistry, spec));
		}
		return engine.build();
	}

	/** Where the waits between a call's retries are scheduled: no thread sleeps them. */
	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService feishuRetryScheduler() {
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "feishu-retry");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

	/**
	 * Feishu's connection settings. Declared as the application's one
	 * {@link ClientHttpConnector}, so that Spring Boot does not build a connector of its
	 * own at every start only to see it replaced below: Feishu's is the gateway's only
	 * {@link WebClient}.
	 */
	@Bean
	ClientHttpConnector feishuClientHttpConnector(FeishuProperties properties) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
			.responseTimeout(properties.responseTimeout());
		return new ReactorClientHttpConnector(httpClient);
	}

	@Bean
	FeishuClient feishuClient(FeishuProperties properties, WebClient.Builder webClientBuilder,
			ClientHttpConnector feishuClientHttpConnector, FeishuBaseUrl feishuBaseUrl, QuotaEngine feishuQuotaEngine,
			CircuitBreakerRegistry circuitBreakerRegistry, RetryRegistry retryRegistry,
			ScheduledExecutorService feishuRetryScheduler, MeterRegistry meterRegistry, ObjectProvider<Clock> clocks) {
		if (!StringUtils.hasText(properties.appId()) || !StringUtils.hasText(properties.appSecret())) {
			throw new MissingFeishuCredentialsException();
		}
		WebClient webClient = webClientBuilder.clone().clientConnector(feishuClientHttpConnector).build();
		// Feishu adds fields over time; the gateway reads what it knows. The wire records
		// name Feishu's fields in camel case; on the wire they are snake_case.
		JsonMapper json = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.build();
		FeishuTransport transport = new FeishuTransport(webClient, feishuBaseUrl, json, feishuQuotaEngine,
				properties.quotas().maxWait(), properties.responseTimeout(), circuitBreakerRegistry, retryRegistry,
				feishuRetryScheduler, meterRegistry);
		Clock clock = clocks.getIfAvailable(Clock::systemUTC);
		TenantTokenProvider tokens = new TenantTokenProvider(transport, properties.appId(), properties.appSecret(),
				properties.tokenRefreshMargin(), properties.tokenRenewalBackoff(), clock);
		return new FeishuClient(transport, tokens, properties.pageSize(), clock, meterRegistry);
	}

}
