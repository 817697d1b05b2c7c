package com.leavegateway.fuzz;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path parameters employeeId and leaveTypeId of the three endpoints that take them.
 * Percent-encoded values (an encoded slash, dot or backslash included) must be accepted
 * exactly when valid; raw ones ('/', "..", '?', '#', ';' and CRLF straight in the path)
 * can only ever lead to a 4xx problem or to another endpoint with valid values, and never
 * change where the upstream call goes.
 */
class PathParameterFuzzTests {

	private final FuzzedGateway gateway = FuzzedGateway.get();

	enum Template {

		EMPLOYEE_BALANCES("/api/v1/employees/{}/leave-balances", false),
		GRANTS_BY_EMPLOYEE("/api/v1/employees/{}/leave-types/7001/expiring-grants", false),
		GRANTS_BY_LEAVE_TYPE("/api/v1/employees/F1/leave-types/{}/expiring-grants", true),
		ALL_GRANTS("/api/v1/employees/{}/expiring-grants", false);

		final String before;

		final String after;

		final boolean leaveType;

		Template(String template, boolean leaveType) {
			this.before = template.substring(0, template.indexOf("{}"));
			this.after = template.substring(template.indexOf("{}") + 2);
			this.leaveType = leaveType;
		}

	}

	@Property(tries = 300)
	void anEncodedPathValueIsAcceptedExactlyWhenItIsValid(@ForAll Template template,
			@ForAll("values") String generated) {
		String value = Hostile.asDecoded(generated);
		boolean valid = (template.leaveType ? FuzzedGateway.LEAVE_TYPE_ID : FuzzedGateway.EMPLOYEE_ID).matcher(value)
			.matches();
		Statistics.collect(valid ? "valid" : "invalid");

		RawHttp.Response response = this.gateway.get(
				Hostile.concat(template.before, Hostile.Wire.ENCODED.path(value), template.after),
				QueryParameterFuzzTests.key());

		this.gateway.assertSafe(response);
		if (valid) {
			assertThat(response.status()).as(response.toString()).isIn(200, 404);
			if (response.status() == 404) {
				assertThat(response.json().path("code").stringValue()).isEqualTo("EMPLOYEE_NOT_FOUND");
			}
		}
		else {
			assertThat(response.status()).as(response.toString()).isIn(400, 404);
			assertThat(response.json().path("code").stringValue()).isIn("INVALID_PARAMETER", "BAD_REQUEST",
					"NOT_FOUND");
			assertThat(this.gateway.upstream()).isEmpty();
		}
	}

	@Property(tries = 250)
	void aRawPathValueNeverHarmsAnything(@ForAll Template template, @ForAll("values") String value) {
		this.gateway
			.assertSafe(this.gateway.get(Hostile.concat(template.before, Hostile.Wire.RAW.path(value), template.after),
					QueryParameterFuzzTests.key()));
	}

	@Provide
	Arbitrary<String> values() {
		return Arbitraries.frequencyOf(Tuple.of(4, Hostile.value()),
				Tuple.of(1,
						Arbitraries.strings()
							.withCharRange('a', 'z')
							.withCharRange('0', '9')
							.withChars('_', '-')
							.ofMinLength(1)
							.ofMaxLength(70)),
				Tuple.of(1, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40)),
				Tuple.of(1, Arbitraries.of(List.of("..", ".", "%2e%2e", "a/b", "a%2Fb", "..%2F..%2Fopen-apis",
						"7001/../../x", "7001?user_id_type=open_id", "7001#x", "7001;x", "7001%3Fa"))));
	}

}
