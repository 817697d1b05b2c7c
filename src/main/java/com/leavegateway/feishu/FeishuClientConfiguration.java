package com.leavegateway.feishu;

import java.time.Clock;

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

	@Bean
	FeishuQuotas feishuQuotas(FeishuProperties properties, RateLimiterRegistry rateLimiterRegistry) {
		return new FeishuQuotas(properties.quotas(), rateLimiterRegistry);
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
			ClientHttpConnector feishuClientHttpConnector, FeishuBaseUrl feishuBaseUrl, FeishuQuotas feishuQuotas,
			CircuitBreakerRegistry circuitBreakerRegistry, RetryRegistry retryRegistry, MeterRegistry meterRegistry,
			ObjectProvider<Clock> clocks) {
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
		FeishuTransport transport = new FeishuTransport(webClient, feishuBaseUrl, json, feishuQuotas,
				properties.responseTimeout(), circuitBreakerRegistry, retryRegistry, meterRegistry);
		Clock clock = clocks.getIfAvailable(Clock::systemUTC);
		TenantTokenProvider tokens = new TenantTokenProvider(transport, properties.appId(), properties.appSecret(),
				properties.tokenRefreshMargin(), properties.tokenRenewalBackoff(), clock);
		return new FeishuClient(transport, tokens, properties.pageSize(), clock, meterRegistry);
	}

}
