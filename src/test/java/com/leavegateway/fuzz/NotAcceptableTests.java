package com.leavegateway.fuzz;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Accept header the endpoint cannot serve is refused with 406 before Feishu is asked:
 * the header fuzz found that the expiring-grants endpoints called Feishu first and failed
 * only when writing the answer.
 */
class NotAcceptableTests {

	private final FuzzedGateway gateway = FuzzedGateway.get();

	@ParameterizedTest
	@CsvSource({ "/api/v1/employees/F1/leave-types/7001/expiring-grants, text/html",
			"/api/v1/employees/F1/expiring-grants, text/csv", "/api/v1/employees/F1/leave-balances, application/xml",
			"/api/v1/employees/F1/leave-balances, text/csv", "/api/v1/leave-balances?employeeIds=F1, image/png" })
	void anAcceptNoAnswerCanMeetIsA406ProblemAtNoUpstreamCost(String target, String accept) {
		RawHttp.Response response = this.gateway.get(target, "Accept", accept);

		this.gateway.assertSafe(response);
		assertThat(response.status()).as(response.toString()).isEqualTo(406);
		assertThat(response.json().path("code").stringValue()).isEqualTo("NOT_ACCEPTABLE");
		assertThat(this.gateway.upstream()).isEmpty();
	}

}
