package com.leavegateway.sandbox;

import java.net.URI;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;

import com.leavegateway.sandbox.SandboxDirectory.Employee;
import com.leavegateway.sandbox.SandboxHttp.Answer;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayHttp.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole stack on the sandbox profile: the gateway's API calling the simulated Feishu
 * over real HTTP, with the simulator answering unknown ids and switched-on faults as
 * Feishu would. Assertions name Feishu's code rather than the gateway's own, which the
 * failure classification of issue 10 refines.
 */
@SandboxStackTest
class SandboxGatewayTests {

	/** A people_corehr_id of the right shape that no sandbox employee has. */
	private static final String UNKNOWN = "7000000000000000001";

	@LocalServerPort
	private int port;

	@Autowired
	private SandboxDirectory directory;

	@Autowired
	private SandboxFaults faults;

	@Autowired
	private CacheManager caches;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	private GatewayHttp gateway;

	private SandboxHttp admin;

	@BeforeEach
	void startClean() {
		this.faults.switchOffAll();
		this.caches.getCacheNames().forEach((name) -> this.caches.getCache(name).clear());
		this.circuitBreakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
		this.gateway = new GatewayHttp(this.port);
		this.admin = new SandboxHttp(URI.create("http://127.0.0.1:" + this.port + "/sandbox"));
		assertThat(this.directory.employee(SandboxDirectory.IdType.PEOPLE_COREHR_ID, UNKNOWN)).isEmpty();
	}

	@Test
	void anUnknownIdIsIsolatedIntoNotFound() {
		String known = employee(20).peopleCorehrId();
		Response response = balances("/api/v1/leave-balances?employeeIds=" + known + "," + UNKNOWN);
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		assertThat(response.json().path("employees").valueStream().map((e) -> e.path("employeeId").stringValue()))
			.containsExactly(known);
		assertThat(response.json().path("notFound").valueStream().map(JsonNode::stringValue)).containsExactly(UNKNOWN);

		Response single = balances("/api/v1/employees/" + UNKNOWN + "/leave-balances");
		assertThat(single.status()).isEqualTo(404);
		assertThat(single.json().path("code").stringValue()).isEqualTo("EMPLOYEE_NOT_FOUND");
	}

	@Test
	void aRefusedEmployeeIsAnUpstreamFailureWithFeishusCodeAndOthersAreServed() {
		Employee refused = employee(21);
		switchOn("{\"type\":\"EMPLOYEE_REFUSED\",\"employeeId\":\"" + refused.openId() + "\"}");
		Response response = balances("/api/v1/employees/" + refused.peopleCorehrId() + "/leave-balances");
		assertThat(response.status()).as("%s", response).isEqualTo(502);
		assertThat(response.json().path("feishuCode").intValue()).isEqualTo(1160035);
		assertThat(balances("/api/v1/employees/" + employee(22).peopleCorehrId() + "/leave-balances").status())
			.isEqualTo(200);
	}

	@Test
	void aCalculationErrorLastsUntilSwitchedOff() {
		String id = employee(23).peopleCorehrId();
		switchOn("{\"type\":\"CALCULATION_ERROR\"}");
		Response failed = balances("/api/v1/employees/" + id + "/leave-balances");
		assertThat(failed.status()).as("%s", failed).isEqualTo(502);
		assertThat(failed.json().path("feishuCode").intValue()).isEqualTo(1160018);
		assertThat(this.admin.send("DELETE", "/faults", SandboxStackTest.ADMIN_KEY, null).status()).isEqualTo(204);
		assertThat(balances("/api/v1/employees/" + id + "/leave-balances").status()).isEqualTo(200);
	}

	@Test
	void oneFailedCallIsRetriedAway() {
		switchOn("{\"type\":\"SERVER_ERRORS\",\"status\":503,\"calls\":1}");
		Response response = balances("/api/v1/employees/" + employee(24).peopleCorehrId() + "/leave-balances");
		assertThat(response.status()).as("%s", response).isEqualTo(200);
		// The outage did fail a call: it is used up.
		assertThat(this.faults.active()).isEmpty();
	}

	@Test
	void aSlowFeishuTimesOut() {
		switchOn("{\"type\":\"SLOW\",\"latency\":\"3s\"}");
		Response response = balances("/api/v1/employees/" + employee(25).peopleCorehrId() + "/leave-balances");
		assertThat(response.status()).as("%s", response).isEqualTo(504);
		assertThat(response.json().path("code").stringValue()).isEqualTo("UPSTREAM_TIMEOUT");
	}

	private Employee employee(int index) {
		return this.directory.employees().get(index);
	}

	private Response balances(String pathAndQuery) {
		String separator = pathAndQuery.contains("?") ? "&" : "?";
		return this.gateway.request("GET", pathAndQuery + separator + "asOfDate=2025-06-30",
				SandboxStackTest.READER_KEY);
	}

	private void switchOn(String body) {
		Answer answer = this.admin.send("POST", "/faults", SandboxStackTest.ADMIN_KEY, body);
		assertThat(answer.status()).as(answer.body()).isEqualTo(201);
	}

}
