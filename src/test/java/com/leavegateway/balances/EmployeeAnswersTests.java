package com.leavegateway.balances;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import com.leavegateway.leave.Balance;
import com.leavegateway.leave.Employee;
import com.leavegateway.leave.LeaveUnit;
import com.leavegateway.leave.UserIdType;
import com.leavegateway.web.JsonParts;

import static com.leavegateway.support.FeishuStandIn.names;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cached employees and their answers: the bytes are what the mapper writes for the
 * employee in the language, made once per entry and language; what repeats across
 * employees is kept once, without changing the order the answer shows.
 */
class EmployeeAnswersTests {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	private static final LocalDate DAY = LocalDate.of(2025, 6, 2);

	private static final Instant FETCHED = Instant.parse("2025-06-01T20:30:00Z");

	private final EmployeeAnswers answers = new EmployeeAnswers(JSON);

	@Test
	void anAnswerIsWhatTheMapperWritesForTheEmployeeInThatLanguage() {
		Employee fetched = employee("E1", names("zh-CN", "张三", "en-US", "San Zhang"),
				balance("7001", names("zh-CN", "年假", "en-US", "Annual leave"), "0.000001", "12.50"),
				offboarding(balance("7002", names("en-US", "In \"lieu\""), "-1.5", null)));
		CachedEmployee entry = CachedEmployee.of(fetched);

		for (String language : new String[] { null, "en-US", "fr", "*", "en;q=0.1, zh" }) {
			assertThat(utf8(this.answers.single(entry, language).json()))
				.isEqualTo(JSON.writeValueAsString(fetched.localized(language)));
		}
	}

	@Test
	void anAnswerIsMadeOnceAndLanguagesThatReadTheSameShareTheBytes() {
		CachedEmployee entry = CachedEmployee.of(employee("E1", names("zh-CN", "张三", "en-US", "San Zhang"),
				balance("7001", names("zh-CN", "年假"), "1", "1")));

		CachedEmployee.Answer english = this.answers.single(entry, "en-US");
		CachedEmployee.Answer none = this.answers.single(entry, null);
		CachedEmployee.Answer chinese = this.answers.single(entry, "zh-CN");

		assertThat(this.answers.single(entry, "en-US")).isSameAs(english);
		assertThat(this.answers.single(entry, null)).isSameAs(none);
		assertThat(chinese.json()).isSameAs(none.json());
		assertThat(chinese.etag()).isEqualTo(none.etag()).isNotEqualTo(english.etag());
		assertThat(english.etag()).isEqualTo(JsonParts.of(english.json().parts()).etag()).matches("\"0[0-9a-f]{32}\"");
	}

	@Test
	void languagesBeyondTheKeptOnesAreAnsweredAllTheSameButNotKept() {
		Employee fetched = employee("E1", names("zh-CN", "张三", "en-US", "San Zhang"));
		CachedEmployee entry = CachedEmployee.of(fetched);
		for (int i = 0; i < CachedEmployee.MAX_ANSWERS; i++) {
			this.answers.single(entry, "en-" + i);
		}

		CachedEmployee.Answer extra = this.answers.single(entry, "en-US");

		assertThat(utf8(extra.json())).isEqualTo(JSON.writeValueAsString(fetched.localized("en-US")));
		assertThat(this.answers.single(entry, "en-US")).isNotSameAs(extra);
		assertThat(this.answers.single(entry, "en-0")).isSameAs(this.answers.single(entry, "en-0"));
	}

	@Test
	void aListAnswerIsWhatTheMapperWritesForTheWholeResponse() {
		Employee first = employee("E1", names("zh-CN", "张三"), balance("7001", names("zh-CN", "年假"), "1", "2"));
		Employee second = employee("E2", names("en-US", "Li Si"), balance("7001", names("zh-CN", "年假"), "1", "2"),
				balance("7003", names("zh-CN", "事假"), "0", "0"));
		List<LeaveBalancesResponse.FailedEmployee> failed = List
			.of(new LeaveBalancesResponse.FailedEmployee("E5", "UPSTREAM_FORBIDDEN", 1160035, "No permission"));

		JsonParts list = this.answers.list(
				new LeaveBalancesResponse(DAY, UserIdType.PEOPLE_COREHR_ID, List.of(), List.of("E404"), failed),
				List.of(CachedEmployee.of(first), CachedEmployee.of(second)), "en-US");

		assertThat(utf8(list))
			.isEqualTo(JSON.writeValueAsString(new LeaveBalancesResponse(DAY, UserIdType.PEOPLE_COREHR_ID,
					List.of(first.localized("en-US"), second.localized("en-US")), List.of("E404"), failed)));
		assertThat(utf8(this.answers.list(
				new LeaveBalancesResponse(DAY, UserIdType.PEOPLE_COREHR_ID, List.of(), List.of(), List.of()), List.of(),
				null)))
			.isEqualTo("{\"asOfDate\":\"2025-06-02\",\"idType\":\"people_corehr_id\",\"employees\":[],"
					+ "\"notFound\":[],\"failed\":[]}");
	}

	@Test
	void employeesShareWhatRepeatsButNotNamesInAnotherOrder() {
		Employee first = employee("E1", names("zh-CN", "张三"),
				balance("7001", names("zh-CN", "年假", "en-US", "Annual leave"), "1", "2"));
		Employee second = employee("E2", names("zh-CN", "李四"),
				balance("7001", names("zh-CN", "年假", "en-US", "Annual leave"), "1", "2"));
		Employee reordered = employee("E3", names("zh-CN", "王五"),
				balance("7001", names("en-US", "Annual leave", "zh-CN", "年假"), "1", "2"));

		CachedEmployee one = CachedEmployee.of(first);
		CachedEmployee two = CachedEmployee.of(second);
		CachedEmployee three = CachedEmployee.of(reordered);

		assertThat(two.employee().balances().get(0)).isSameAs(one.employee().balances().get(0));
		assertThat(two.employee().asOfDate()).isSameAs(one.employee().asOfDate());
		assertThat(two.employee().fetchedAt()).isSameAs(one.employee().fetchedAt());
		assertThat(this.answers.single(two, "en").json().parts().get(1))
			.isSameAs(this.answers.single(one, "en").json().parts().get(1));
		assertThat(three.employee().balances().get(0)).isNotSameAs(one.employee().balances().get(0));
		assertThat(three.employee().balances().get(0).leaveTypeNames().keySet()).containsExactly("en-US", "zh-CN");
		assertThat(utf8(this.answers.single(three, null).json()))
			.isEqualTo(JSON.writeValueAsString(reordered.localized(null)));
		// Equal as before: the cache's public behaviour does not change.
		assertThat(one.employee()).isEqualTo(first);
	}

	@Test
	void aDecimalKeepsItsScale() {
		Employee first = employee("E1", names("zh-CN", "张三"), balance("7001", names("zh-CN", "年假"), "2.0", "2"));
		Employee second = employee("E2", names("zh-CN", "李四"), balance("7001", names("zh-CN", "年假"), "2.00", "2"));

		assertThat(CachedEmployee.of(first).employee().balances().get(0).balance()).hasToString("2.0");
		assertThat(CachedEmployee.of(second).employee().balances().get(0).balance()).hasToString("2.00");
	}

	private static String utf8(JsonParts json) {
		return new String(json.toByteArray(), StandardCharsets.UTF_8);
	}

	private static Employee employee(String id, Map<String, String> names, Balance... balances) {
		return new Employee(id, null, names, DAY, List.of(balances), Instant.parse(FETCHED.toString()));
	}

	private static Balance balance(String leaveTypeId, Map<String, String> names, String balance,
			@Nullable String carriedOver) {
		return new Balance(new String(leaveTypeId), null, new LinkedHashMap<>(names), LeaveUnit.DAY, null,
				new BigDecimal(balance), (carriedOver != null) ? new BigDecimal(carriedOver) : null, BigDecimal.ONE,
				BigDecimal.ZERO, new BigDecimal("10"), BigDecimal.ZERO, null, null, null, null, null);
	}

	private static Balance offboarding(Balance balance) {
		return new Balance(balance.leaveTypeId(), null, balance.leaveTypeNames(), LeaveUnit.UNKNOWN, 3,
				balance.balance(), balance.carriedOver(), balance.grantedThisCycle(), balance.takenThisCycle(),
				balance.balanceThisCycle(), balance.takenHistoryCycles(), new BigDecimal("5.0"), BigDecimal.ONE,
				BigDecimal.ONE, new BigDecimal("-0.5"), new BigDecimal("4"));
	}

}
