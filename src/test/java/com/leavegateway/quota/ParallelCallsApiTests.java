package com.leavegateway.quota;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.leavegateway.support.EchoingStandIn.everyEmployeeAskedFor;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls go to Feishu in parallel, as many at once as {@code feishu.max-concurrent-calls}
 * (3 here) and never more, as the stand-in sees them; a caller who disconnects while
 * waiting for a place leaves nothing held. Batches hold one id, so that every employee is
 * a call of its own; Feishu's response time-out is 5 s, far beyond the stand-in's delays.
 */
@DirtiesContext
@TestPropertySource(
		properties = { "feishu.max-concurrent-calls=3", "gateway.batching.max-size=1", "feishu.response-timeout=5s" })
class ParallelCallsApiTests extends GatewayStackTest {

	private static final String QUOTA = "feishu-leave-balances";

	private static final int MAX_CONCURRENT = 3;

	private static final int DELAY_MILLIS = 400;

	@Autowired
	private QuotaEngine engine;

	@LocalServerPort
	private int port;

	private final ExecutorService clients = Executors.newFixedThreadPool(8);

	@AfterEach
	void stopClients() {
		this.clients.shutdownNow();
	}

	@Test
	void aRequestsCallsGoAsManyAtOnceAsTheSettingAllowsAndNeverMore() {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor().withFixedDelay(DELAY_MILLIS)));

		GatewayHttp.Response answer = this.gateway.get("/api/v1/leave-balances?employeeIds=P1,P2,P3,P4,P5,P6,P7,P8,P9");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().path("employees")).hasSize(9);
		List<LoggedRequest> calls = this.standIn.balanceRequests();
		assertThat(calls).hasSize(9);
		assertThat(mostInFlightAtTheStandIn(calls)).isEqualTo(MAX_CONCURRENT);
		assertThat(this.engine.inFlight(QUOTA)).isZero();
	}

	@Test
	void aCallerWhoDisconnectsWhileWaitingLeavesNoPlaceOrPermitHeld() throws Exception {
		this.standIn.stub(balancesCall().willReturn(everyEmployeeAskedFor().withFixedDelay(1500)));
		List<CompletableFuture<GatewayHttp.Response>> holding = new ArrayList<>();
		for (int i = 0; i < MAX_CONCURRENT; i++) {
			String path = "/api/v1/employees/H" + i + "/leave-balances";
			holding.add(CompletableFuture.supplyAsync(() -> this.gateway.get(path), this.clients));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.inFlight(QUOTA) == MAX_CONCURRENT);

		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("GET /api/v1/employees/GONE/leave-balances HTTP/1.1\r\nHost: localhost\r\n"
					+ GatewayHttp.API_KEY_HEADER + ": " + GatewayHttp.API_KEY + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.waiting(QUOTA) == 1);
		}

		// Tomcat does not tell a waiting async request that its client left (it learns
		// on writing the answer): the place is held until served or out of budget, and
		// then nothing stays held.
		assertThat(holding).allSatisfy((held) -> assertThat(held.join().status()).isEqualTo(200));
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.engine.waiting(QUOTA) == 0 && this.engine.inFlight(QUOTA) == 0);
		assertThat(this.gateway.get("/api/v1/employees/AFTER/leave-balances").status()).isEqualTo(200);
		assertThat(this.engine.inFlight(QUOTA)).isZero();
	}

	/**
	 * The most calls the stand-in held at once: each holds a call from its arrival for at
	 * least {@link #DELAY_MILLIS}, and the gateway's next call comes only after an
	 * answer, so the count is exact even in whole milliseconds.
	 */
	private static int mostInFlightAtTheStandIn(List<LoggedRequest> calls) {
		List<Long> arrivals = calls.stream().map((call) -> call.getLoggedDate().getTime()).sorted().toList();
		int most = 0;
		for (long arrival : arrivals) {
			int held = 0;
			for (long other : arrivals) {
				if (other <= arrival && arrival < other + DELAY_MILLIS) {
					held++;
				}
			}
			most = Math.max(most, held);
		}
		return most;
	}

}
