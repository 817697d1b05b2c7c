package com.leavegateway.feishu;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.ExpiringGrantsQuery;
import com.leavegateway.leave.UserIdType;
import com.leavegateway.support.FeishuStandIn;
import com.leavegateway.support.MutableClock;
import com.leavegateway.support.RawHttpRecorder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What goes over the wire, byte for byte: the Content-Type Feishu's expire-records API
 * insists on ("fixed value" application/json; charset=utf-8), on a GET that carries a
 * body, and the repeated employment_id_list.
 */
class RawWireTests {

	@Test
	void expireRecordsIsAGetWithTheExactContentTypeAndAJsonBody() throws Exception {
		try (RawHttpRecorder feishu = new RawHttpRecorder((request) -> request.startsWith("POST")
				? FeishuStandIn.tokenBody("t-raw", 7200) : FeishuStandIn.records());
				StandInClients clients = new StandInClients(feishu.baseUrl(), new MutableClock(Instant.now()))) {
			clients.client()
				.expiringGrants(new ExpiringGrantsQuery(UserIdType.OPEN_ID, "ou_1", "7001", LocalDate.of(2025, 6, 2),
						LocalDate.of(2025, 8, 31), -240));

			List<String> requests = feishu.requests();
			assertThat(requests).hasSize(2);
			assertThat(requests.get(0)).startsWith("POST /open-apis/auth/v3/tenant_access_token/internal HTTP/1.1\r\n")
				.contains("\r\nContent-Type: application/json; charset=utf-8\r\n");
			String call = requests.get(1);
			assertThat(call).startsWith(
					"GET /open-apis/attendance/v1/leave_employ_expire_records/7001?user_id_type=open_id HTTP/1.1\r\n")
				.contains("\r\nContent-Type: application/json; charset=utf-8\r\n",
						"\r\nAuthorization: Bearer t-raw\r\n")
				.endsWith("\r\n\r\n{\"employment_id\":\"ou_1\",\"leave_type_id\":\"7001\","
						+ "\"start_expiration_date\":\"2025-06-02\",\"end_expiration_date\":\"2025-08-31\",\"time_offset\":-240}");
		}
	}

	@Test
	void leaveBalancesRepeatsEmploymentIdListAndSendsNoBody() throws Exception {
		try (RawHttpRecorder feishu = new RawHttpRecorder((request) -> request.startsWith("POST")
				? FeishuStandIn.tokenBody("t-raw", 7200) : FeishuStandIn.page(false, null));
				StandInClients clients = new StandInClients(feishu.baseUrl(), new MutableClock(Instant.now()))) {
			clients.client()
				.leaveBalances(
						new BalanceQuery(UserIdType.PEOPLE_COREHR_ID, LocalDate.of(2025, 6, 2),
								ZoneId.of("Asia/Shanghai"), false),
						List.of("6919733291281024522", "6919733291281024523"))
				.employees();

			String call = feishu.requests().get(1);
			assertThat(call.lines().findFirst().orElseThrow())
				.startsWith("GET /open-apis/corehr/v1/leaves/leave_balances?")
				.contains("&employment_id_list=6919733291281024522&employment_id_list=6919733291281024523")
				.endsWith(" HTTP/1.1");
			assertThat(call).endsWith("\r\n\r\n").doesNotContainIgnoringCase("content-type");
		}
	}

}
