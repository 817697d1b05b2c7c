package com.leavegateway.sandbox;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.leavegateway.LeaveGatewayApplication;
import com.leavegateway.support.GatewayHttp;

import static com.leavegateway.support.SecondApplication.startLeavingLoggingAlone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM on the sandbox (the context is closed) while a cold request waits on the
 * simulated Feishu: the simulator keeps serving until the gateway's requests in flight
 * have finished, so they end with 200 instead of 502.
 */
class SandboxShutdownTests {

	@Test
	@Timeout(60)
	void aColdRequestInFlightFinishesWith200() throws Exception {
		ConfigurableApplicationContext application = startLeavingLoggingAlone(
				new SpringApplicationBuilder(LeaveGatewayApplication.class).profiles("sandbox"), "--server.port=0",
				"--server.shutdown=graceful", "--spring.lifecycle.timeout-per-shutdown-phase=20s",
				"--spring.main.banner-mode=off", "--spring.jmx.enabled=false", "--sandbox.latency=1s");
		try {
			int port = ((WebServerApplicationContext) application).getWebServer().getPort();
			GatewayHttp gateway = new GatewayHttp(port);
			// Three Feishu calls in a row, each taking a second: the token, the balances
			// (for the leave types), then the expire records.
			CompletableFuture<GatewayHttp.Response> cold = CompletableFuture.supplyAsync(() -> gateway.request("GET",
					"/api/v1/employees/7383310440851843102/expiring-grants", "sandbox-demo-key"));
			MeterRegistry registry = application.getBean(MeterRegistry.class);
			await("the gateway has its token and asks for the balances").atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> registry.find("feishu.calls")
					.tag("api", "feishu-token")
					.timers()
					.stream()
					.mapToLong(Timer::count)
					.sum() > 0);

			application.close();

			GatewayHttp.Response response = cold.get(10, TimeUnit.SECONDS);
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.json().path("grants").isEmpty()).isFalse();
		}
		finally {
			application.close();
		}
	}

}
