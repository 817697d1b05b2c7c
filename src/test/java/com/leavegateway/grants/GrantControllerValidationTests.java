package com.leavegateway.grants;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.leavegateway.support.ValidationSliceTest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every bad input of the expiring-grants endpoints is a 400 problem that names the
 * parameter, and nothing goes upstream (grants, and balances for the all-leave-types
 * endpoint).
 */
class GrantControllerValidationTests extends ValidationSliceTest {

	private static final String ONE_TYPE = "/api/v1/employees/E1/leave-types/7001/expiring-grants";

	private static final String ALL_TYPES = "/api/v1/employees/E1/expiring-grants";

	@ParameterizedTest
	@ValueSource(strings = { "2024-02-30", "2024/01/01", "x", "2200-01-01" })
	void aBadFromOrTo(String date) throws Exception {
		for (String path : new String[] { ONE_TYPE, ALL_TYPES }) {
			assertInvalid(call(path + "?from=" + date), "from");
			assertInvalid(call(path + "?from=2025-01-01&to=" + date), "to");
			assertInvalid(call(path + "?to=" + date), "to");
		}
	}

	@Test
	void fromAfterTo() throws Exception {
		assertInvalid(call(ONE_TYPE + "?from=2025-06-02&to=2025-06-01"), "from");
		assertInvalid(call(ALL_TYPES + "?from=2025-06-02&to=2025-06-01"), "from");
	}

	@ParameterizedTest
	@ValueSource(strings = { "12a", "-1", "1.5", "%20", "x" })
	void aLeaveTypeIdThatIsNotDigits(String leaveTypeId) throws Exception {
		assertInvalid(call("/api/v1/employees/E1/leave-types/" + leaveTypeId + "/expiring-grants"), "leaveTypeId");
	}

	@Test
	void aLeaveTypeIdOfMoreThanThirtyTwoDigits() throws Exception {
		assertInvalid(call("/api/v1/employees/E1/leave-types/" + "1".repeat(33) + "/expiring-grants"), "leaveTypeId");
	}

	@ParameterizedTest
	@ValueSource(strings = { "email", "OPEN_ID" })
	void anUnknownIdType(String idType) throws Exception {
		assertInvalid(call(ONE_TYPE + "?idType=" + idType), "idType");
		assertInvalid(call(ALL_TYPES + "?idType=" + idType), "idType");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Mars%2FOlympus", "%2B08:00", "GMT%2B8" })
	void anUnknownZoneOrAnOffset(String timeZone) throws Exception {
		assertInvalid(call(ONE_TYPE + "?timeZone=" + timeZone), "timeZone");
		assertInvalid(call(ALL_TYPES + "?timeZone=" + timeZone), "timeZone");
	}

	@Test
	void aMalformedEmployeeId() throws Exception {
		String tooLong = "x".repeat(65);
		assertInvalid(call("/api/v1/employees/" + tooLong + "/leave-types/7001/expiring-grants"), "employeeId");
		assertInvalid(call("/api/v1/employees/" + tooLong + "/expiring-grants"), "employeeId");
		assertInvalid(call("/api/v1/employees/a%20b/expiring-grants"), "employeeId");
	}

	/**
	 * The parameter record takes query parameters of their own names only: neither a
	 * header of the same name nor Spring's {@code !name} and {@code _name} forms. Each
	 * would make idType the first bad value; to is.
	 */
	@Test
	void onlyQueryParametersOfTheirOwnNameAreRead() throws Exception {
		for (String path : new String[] { ONE_TYPE, ALL_TYPES }) {
			assertInvalid(call(path + "?to=x", "idType", "email"), "to");
			assertInvalid(call(path + "?to=x&!idType=email&_idType=email"), "to");
		}
	}

	@Test
	void theProblemCarriesNoStackTraceOrClassNames() throws Exception {
		call(ONE_TYPE + "?from=2025-06-02&to=2025-06-01").andExpect(status().isBadRequest())
			.andExpect(content().string(not(containsString("Exception"))))
			.andExpect(content().string(not(containsString("com.leavegateway"))))
			.andExpect(content().string(not(containsString("\tat "))));
	}

}
