package com.leavegateway.balances;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.test.web.servlet.ResultActions;

import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.UserIdType;
import com.leavegateway.support.ValidationSliceTest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every bad input of the balance endpoints is a 400 problem that names the parameter, and
 * nothing goes upstream.
 */
class BalanceControllerValidationTests extends ValidationSliceTest {

	@ParameterizedTest
	@ValueSource(strings = { "2024-02-30", "2024/01/01", "x", "2024-1-1", "1899-12-31" })
	void aBadAsOfDate(String asOfDate) throws Exception {
		assertRefusedByBoth("asOfDate", asOfDate);
		assertInvalid(balances("asOfDate=" + asOfDate), "asOfDate");
	}

	@ParameterizedTest
	@ValueSource(strings = { "email", "OPEN_ID", "" })
	void anUnknownIdType(String idType) throws Exception {
		assertRefusedByBoth("idType", idType);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Mars%2FOlympus", "%2B08:00", "UTC%2B8", "asia%2Fshanghai" })
	void anUnknownZoneOrAnOffset(String timeZone) throws Exception {
		assertRefusedByBoth("timeZone", timeZone);
	}

	@ParameterizedTest
	@ValueSource(strings = { "yes", "1", "TRUE" })
	void anIncludeOffboardThatIsNotTrueOrFalse(String includeOffboard) throws Exception {
		assertRefusedByBoth("includeOffboard", includeOffboard);
	}

	@Test
	void tooManyIds() throws Exception {
		String ids = IntStream.range(0, 1001).mapToObj((i) -> "E" + i).collect(Collectors.joining(","));
		assertInvalid(balances("employeeIds=" + ids), "employeeIds");
		String repeated = IntStream.range(0, 1001)
			.mapToObj((i) -> "employeeIds=E" + i)
			.collect(Collectors.joining("&"));
		assertInvalid(balances(repeated), "employeeIds");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			a%20b
			..%2Fx
			a,,b
			a,
			E1&employeeIds=a%20b
			%C3%A9
			""")
	void malformedIds(String employeeIds) throws Exception {
		assertInvalid(balances("employeeIds=" + employeeIds), "employeeIds");
	}

	@Test
	void anEmptyOrOverlongId() throws Exception {
		assertInvalid(balances("employeeIds="), "employeeIds");
		assertInvalid(balances("employeeIds=" + "x".repeat(65)), "employeeIds");
		assertInvalid(employee("x".repeat(65), ""), "employeeId");
		assertInvalid(employee("a%20b", ""), "employeeId");
		assertInvalid(employee("a.b", ""), "employeeId");
	}

	/**
	 * The parameter records take query parameters of their own names only: neither a
	 * header of the same name nor Spring's {@code !name} and {@code _name} forms. Each
	 * would make the zone the first bad value; asOfDate is.
	 */
	@Test
	void onlyQueryParametersOfTheirOwnNameAreRead() throws Exception {
		assertInvalid(employee("E1", "asOfDate=x"), "asOfDate");
		assertInvalid(call("/api/v1/employees/E1/leave-balances?asOfDate=x", "timeZone", "Mars/Olympus"), "asOfDate");
		assertInvalid(employee("E1", "asOfDate=x&!timeZone=Mars%2FOlympus&_timeZone=Mars%2FOlympus"), "asOfDate");
		assertInvalid(balances("employeeIds=E1&asOfDate=x&!timeZone=Mars%2FOlympus"), "asOfDate");
	}

	/**
	 * Two values of one parameter are read together (joined by a comma), so two good
	 * dates make no date: refused as before parameters were read without a data binder.
	 */
	@Test
	void aParameterGivenTwiceIsRefused() throws Exception {
		assertRefusedByBoth("asOfDate", "2025-06-01&asOfDate=2025-06-02");
		assertRefusedByBoth("includeOffboard", "true&includeOffboard=true");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "501", "-1", "20.5", "1e2", "abc", "", "0020", "99999999999" })
	void aLimitOutsideOneToFiveHundred(String limit) throws Exception {
		assertInvalid(balances("limit=" + limit), "limit");
	}

	@ParameterizedTest
	@ValueSource(strings = { "x", "%2B%2F%3D", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "" })
	void aCursorThatIsNoCursor(String cursor) throws Exception {
		assertInvalid(balances("limit=20&cursor=" + cursor), "cursor");
	}

	/**
	 * A cursor names a position in the listing of one query: altered by one character, or
	 * sent with another date, id type, time zone or includeOffboard, it is refused.
	 */
	@Test
	void aCursorAlteredOrFromAnotherQuery() throws Exception {
		BalanceQuery query = new BalanceQuery(UserIdType.PEOPLE_COREHR_ID, LocalDate.of(2025, 6, 2),
				ZoneId.of("Asia/Shanghai"), false);
		String cursor = new ListingCursor(20, "E20").encode(query);
		String plain = "&asOfDate=2025-06-02&timeZone=Asia/Shanghai";
		String altered = cursor.substring(0, 8) + ((cursor.charAt(8) == 'A') ? 'B' : 'A') + cursor.substring(9);
		String farther = new ListingCursor(40, "E20").encode(query).substring(0, 10) + cursor.substring(10);

		assertInvalid(balances("limit=20&cursor=" + altered + plain), "cursor");
		assertInvalid(balances("limit=20&cursor=" + farther + plain), "cursor");
		for (String other : List.of("&asOfDate=2025-06-03&timeZone=Asia/Shanghai", plain + "&idType=open_id",
				"&asOfDate=2025-06-02&timeZone=Asia/Tokyo", plain + "&includeOffboard=true")) {
			assertInvalid(balances("limit=20&cursor=" + cursor + other), "cursor");
		}
	}

	@Test
	void pagingIsCheckedForAListOfIdsAndRefusedForAnExport() throws Exception {
		assertInvalid(balances("employeeIds=E1&limit=0"), "limit");
		assertInvalid(balances("employeeIds=E1&cursor=abc"), "cursor");
		assertInvalid(call("/api/v1/leave-balances?limit=20", "Accept", "text/csv"), "limit");
	}

	@Test
	void theProblemCarriesNoStackTraceClassNamesOrWhatWasSent() throws Exception {
		balances("employeeIds=%3Cscript%3E&asOfDate=2024-02-30").andExpect(status().isBadRequest())
			.andExpect(content().string(not(containsString("Exception"))))
			.andExpect(content().string(not(containsString("com.leavegateway"))))
			.andExpect(content().string(not(containsString("<script>"))))
			.andExpect(content().string(not(containsString("\tat "))));
	}

	/**
	 * {@code parameter=value} is refused, naming the parameter, by the list and by the
	 * one-employee endpoint.
	 */
	private void assertRefusedByBoth(String parameter, String value) throws Exception {
		assertInvalid(balances("employeeIds=E1&" + parameter + "=" + value), parameter);
		assertInvalid(employee("E1", parameter + "=" + value), parameter);
	}

	private ResultActions balances(String query) throws Exception {
		return call("/api/v1/leave-balances?" + query);
	}

	private ResultActions employee(String employeeId, String query) throws Exception {
		return call("/api/v1/employees/" + employeeId + "/leave-balances?" + query);
	}

}
