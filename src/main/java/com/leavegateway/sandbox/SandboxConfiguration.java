package com.leavegateway.sandbox;

import java.time.Clock;

import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.web.context.WebApplicationContext;

import com.leavegateway.feishu.FeishuBaseUrl;

/**
 * The Feishu simulator's beans, all in the {@code sandbox} profile. They use the system
 * clock rather than any {@code Clock} bean of the application: a frozen test clock would
 * freeze the simulator's rate-limit windows.
 */
@Configuration(proxyBeanMethods = false)
@Profile("sandbox")
@EnableConfigurationProperties(SandboxProperties.class)
class SandboxConfiguration {

	private static final Clock CLOCK = Clock.systemUTC();

	/** Tells whoever started the sandbox how to call it. */
	@Bean
	ApplicationListener<ApplicationReadyEvent> sandboxDemoKeyBanner(
			@Value("${gateway.security.api-keys.sandbox-demo:}") String demoKey) {
		return (event) -> LoggerFactory.getLogger(SandboxConfiguration.class)
			.info("Sandbox profile: Feishu is simulated. Demo API key (fake, sandbox only): X-API-Key: {} "
					+ "- Swagger UI at /swagger-ui.html", demoKey);
	}

	@Bean
	SandboxDirectory sandboxDirectory(SandboxProperties properties) {
		return new SandboxDirectory(properties.seed(), properties.employees());
	}

	@Bean
	SandboxTokens sandboxTokens(SandboxProperties properties) {
		return new SandboxTokens(CLOCK, properties.tokenTtl(), properties.effectiveTokenRenewBefore());
	}

	@Bean
	SandboxRateLimits sandboxRateLimits(SandboxProperties properties) {
		return new SandboxRateLimits(properties.quotas(), CLOCK);
	}

	@Bean
	SandboxFaults sandboxFaults(SandboxDirectory directory, SandboxProperties properties) {
		return new SandboxFaults(directory, properties.faults(), CLOCK);
	}

	@Bean
	SandboxLeaveBalances sandboxLeaveBalances(SandboxDirectory directory, SandboxFaults faults) {
		return new SandboxLeaveBalances(directory, faults, CLOCK);
	}

	@Bean
	SandboxExpireRecords sandboxExpireRecords(SandboxDirectory directory, SandboxFaults faults) {
		return new SandboxExpireRecords(directory, faults);
	}

	@Bean
	SandboxFeishuServer sandboxFeishuServer(WebApplicationContext context, SandboxProperties properties) {
		return new SandboxFeishuServer(context, properties.feishuPort());
	}

	/**
	 * Points the gateway's Feishu client at the simulator, over real HTTP on the
	 * simulator's own port.
	 */
	@Bean
	@Primary
	FeishuBaseUrl sandboxFeishuBaseUrl(SandboxFeishuServer server) {
		return server::baseUrl;
	}

}
