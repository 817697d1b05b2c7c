package com.leavegateway.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpStatus;

import com.leavegateway.leave.UserIdType;
import com.leavegateway.problem.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequestParametersTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final LocalDate TODAY = LocalDate.of(2025, 6, 2);

	@Test
	void idTypeDefaultsToPeopleCorehrIdAndTakesFeishusFourNames() {
		assertThat(RequestParameters.idType(null)).isEqualTo(UserIdType.PEOPLE_COREHR_ID);
		assertThat(RequestParameters.idType("people_corehr_id")).isEqualTo(UserIdType.PEOPLE_COREHR_ID);
		assertThat(RequestParameters.idType("open_id")).isEqualTo(UserIdType.OPEN_ID);
		assertThat(RequestParameters.idType("union_id")).isEqualTo(UserIdType.UNION_ID);
		assertThat(RequestParameters.idType("user_id")).isEqualTo(UserIdType.USER_ID);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "OPEN_ID", "email", "open_id ", "employee_id" })
	void refusesAnyOtherIdType(String value) {
		assertInvalid("idType", () -> RequestParameters.idType(value));
	}

	@Test
	void timeZoneDefaultsToTheFallbackAndTakesIanaZones() {
		assertThat(RequestParameters.timeZone(null, SHANGHAI)).isEqualTo(SHANGHAI);
		assertThat(RequestParameters.timeZone("America/New_York", SHANGHAI)).isEqualTo(ZoneId.of("America/New_York"));
		assertThat(RequestParameters.timeZone("UTC", SHANGHAI)).isEqualTo(ZoneId.of("UTC"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "+08:00", "Z", "UTC+8", "GMT+08:00", "Mars/Olympus_Mons", "asia/shanghai", "", "../etc" })
	void refusesOffsetsAndUnknownZones(String value) {
		assertInvalid("timeZone", () -> RequestParameters.timeZone(value, SHANGHAI));
	}

	@Test
	void dateIsStrictYearMonthDayOrTheFallback() {
		assertThat(RequestParameters.date("asOfDate", null, TODAY)).isEqualTo(TODAY);
		assertThat(RequestParameters.date("asOfDate", "2024-02-29", TODAY)).isEqualTo(LocalDate.of(2024, 2, 29));
		assertThat(RequestParameters.date("asOfDate", "1900-01-01", TODAY)).isEqualTo(LocalDate.of(1900, 1, 1));
		assertThat(RequestParameters.date("asOfDate", "2199-12-31", TODAY)).isEqualTo(LocalDate.of(2199, 12, 31));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2024-02-30", "2023-02-29", "2024/01/01", "x", "", "2024-1-1", "20240101",
			"2024-01-01T00:00", " 2024-01-01", "1899-12-31", "2200-01-01", "+2024-01-01", "0000-01-01" })
	void refusesAnythingElseNamingTheParameter(String value) {
		assertInvalid("from", () -> RequestParameters.date("from", value, TODAY));
	}

	@Test
	void flagIsExactlyTrueOrFalse() {
		assertThat(RequestParameters.flag("includeOffboard", null)).isFalse();
		assertThat(RequestParameters.flag("includeOffboard", "false")).isFalse();
		assertThat(RequestParameters.flag("includeOffboard", "true")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "yes", "1", "TRUE", "", "on" })
	void refusesOtherFlags(String value) {
		assertInvalid("includeOffboard", () -> RequestParameters.flag("includeOffboard", value));
	}

	@Test
	void employeeIdsAreRepeatedOrCommaSeparatedDeduplicatedInOrder() {
		assertThat(RequestParameters.employeeIds(null, 1000)).isNull();
		assertThat(RequestParameters.employeeIds(List.of("b,a", "c", "a", "ou_7f-X"), 1000)).containsExactly("b", "a",
				"c", "ou_7f-X");
		assertThat(RequestParameters.employeeIds(List.of("x".repeat(64)), 1000)).containsExactly("x".repeat(64));
	}

	@Test
	void takesUpToTheMaximumNumberOfDistinctIds() {
		assertThat(RequestParameters.employeeIds(List.of(ids(1000)), 1000)).hasSize(1000);
		assertThat(RequestParameters.employeeIds(List.of(ids(1000), "E0,E1"), 1000)).hasSize(1000);
		assertInvalid("employeeIds", () -> RequestParameters.employeeIds(List.of(ids(1001)), 1000));
		assertInvalid("employeeIds", () -> RequestParameters.employeeIds(List.of("a", "b", "c"), 2));
	}

	@ParameterizedTest
	@ValueSource(strings = { "a b", "../x", "a,,b", "a,", ",a", "", "a;b", "é", "a%20b", "a/b" })
	void refusesMalformedIds(String value) {
		assertInvalid("employeeIds", () -> RequestParameters.employeeIds(List.of(value), 1000));
	}

	@Test
	void refusesIdsLongerThanSixtyFourCharacters() {
		assertInvalid("employeeIds", () -> RequestParameters.employeeIds(List.of("x".repeat(65)), 1000));
		assertInvalid("employeeId", () -> RequestParameters.employeeId("x".repeat(65)));
		assertThat(RequestParameters.employeeId("6919733291281024522")).isEqualTo("6919733291281024522");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a b", "../x", "", "a.b" })
	void refusesMalformedEmployeeIdNamingTheParameter(String value) {
		assertInvalid("employeeId", () -> RequestParameters.employeeId(value));
	}

	@Test
	void leaveTypeIdIsDigits() {
		assertThat(RequestParameters.leaveTypeId("7111688079785723436")).isEqualTo("7111688079785723436");
	}

	@ParameterizedTest
	@ValueSource(strings = { "12a", "", "-1", "1.5", " 1", "123456789012345678901234567890123" })
	void refusesALeaveTypeIdThatIsNotDigits(String value) {
		assertInvalid("leaveTypeId", () -> RequestParameters.leaveTypeId(value));
	}

	@Test
	void theDetailNeverEchoesTheValueSent() {
		String value = "<script>alert(1)</script>";
		for (Runnable check : List.<Runnable>of(() -> RequestParameters.idType(value),
				() -> RequestParameters.timeZone(value, SHANGHAI), () -> RequestParameters.date("to", value, TODAY),
				() -> RequestParameters.flag("includeOffboard", value),
				() -> RequestParameters.employeeIds(List.of(value), 10), () -> RequestParameters.leaveTypeId(value))) {
			assertThatExceptionOfType(ApiException.class).isThrownBy(check::run)
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("script"));
		}
	}

	private static String ids(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "E" + i).collect(Collectors.joining(","));
	}

	private static void assertInvalid(String parameter, Runnable check) {
		assertThatExceptionOfType(ApiException.class).isThrownBy(check::run).satisfies((ex) -> {
			assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(ex.code()).isEqualTo("INVALID_PARAMETER");
			assertThat(ex.properties()).containsEntry("parameter", parameter);
		});
	}

}
