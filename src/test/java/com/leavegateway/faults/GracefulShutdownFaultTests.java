package com.leavegateway.faults;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.leavegateway.LeaveGatewayApplication;
import com.leavegateway.support.FeishuStandIn;
import com.leavegateway.support.GatewayHttp;

import static com.leavegateway.support.SecondApplication.startLeavingLoggingAlone;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static com.leavegateway.support.FeishuStandIn.tokenBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The application is stopped (as on SIGTERM: the context is closed) while requests wait
 * on a slow Feishu. With server.shutdown=graceful those requests still finish with 200
 * and their upstream calls complete; afterwards the port is closed.
 */
class GracefulShutdownFaultTests {

	private static final int IN_FLIGHT = 6;

	private WireMockServer feishu;

	@AfterEach
	void stopFeishu() {
		if (this.feishu != null) {
			this.feishu.stop();
		}
	}

	@Test
	@Timeout(60)
	void requestsInFlightFinishWith200AndThenNewConnectionsAreRefused() throws Exception {
		this.feishu = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
		this.feishu.start();
		this.feishu.stubFor(FeishuStandIn.tokenCall().willReturn(ok(tokenBody(FeishuStandIn.TOKEN, 7200))));
		this.feishu.stubFor(FeishuStandIn.balancesCall()
			.willReturn(
					ok(page(false, null, employee("E1", "甲", balance("7001", "年假", 1, "5.5")))).withFixedDelay(1500)));
		ConfigurableApplicationContext application = startLeavingLoggingAlone(
				new SpringApplicationBuilder(LeaveGatewayApplication.class), "--server.port=0",
				"--server.shutdown=graceful", "--spring.lifecycle.timeout-per-shutdown-phase=20s",
				"--spring.main.banner-mode=off", "--spring.jmx.enabled=false",
				"--feishu.base-url=" + this.feishu.baseUrl(), "--feishu.app-id=cli_shutdown",
				"--feishu.app-secret=shutdown-secret", "--feishu.response-timeout=5s",
				"--gateway.security.api-keys.test-reader=" + GatewayHttp.API_KEY);
		int port = ((WebServerApplicationContext) application).getWebServer().getPort();
		GatewayHttp gateway = new GatewayHttp(port);
		try {
			List<CompletableFuture<GatewayHttp.Response>> inFlight = new ArrayList<>();
			for (int i = 0; i < IN_FLIGHT; i++) {
				// A different date each: six separate Feishu calls, none shared or
				// batched with another.
				String path = "/api/v1/employees/E1/leave-balances?asOfDate=2025-06-0" + (1 + i);
				inFlight.add(CompletableFuture.supplyAsync(() -> gateway.get(path)));
			}
			awaitUpstreamCalls(IN_FLIGHT);

			long closing = System.nanoTime();
			application.close();
			Duration shutdown = Duration.ofNanos(System.nanoTime() - closing);

			for (CompletableFuture<GatewayHttp.Response> request : inFlight) {
				GatewayHttp.Response response = request.get(10, TimeUnit.SECONDS);
				assertThat(response.status()).as(response.body()).isEqualTo(200);
				assertThat(response.json().path("balances").path(0).path("balance").decimalValue())
					.isEqualByComparingTo("5.5");
			}
			assertThat(this.feishu.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
					com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(FeishuStandIn.LEAVE_BALANCES_PATH))))
				.hasSize(IN_FLIGHT);
			// The shutdown waited for them, but not for the whole grace period.
			assertThat(shutdown).isLessThan(Duration.ofSeconds(15));
			assertThatThrownBy(() -> {
				try (Socket socket = new Socket()) {
					socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
				}
			}).isInstanceOf(ConnectException.class);
		}
		finally {
			application.close();
		}
	}

	private void awaitUpstreamCalls(int count) {
		await("all requests reached Feishu").atMost(Duration.ofSeconds(20))
			.until(() -> this.feishu.findAll(anyRequestedFor(anyUrl()))
				.stream()
				.filter((request) -> request.getUrl().startsWith(FeishuStandIn.LEAVE_BALANCES_PATH))
				.count() >= count);
	}

}
