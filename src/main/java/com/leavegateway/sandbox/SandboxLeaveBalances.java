package com.leavegateway.sandbox;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;

import com.leavegateway.sandbox.SandboxDirectory.Balance;
import com.leavegateway.sandbox.SandboxDirectory.Employee;
import com.leavegateway.sandbox.SandboxDirectory.IdType;
import com.leavegateway.sandbox.SandboxDirectory.LeaveType;
import com.leavegateway.sandbox.SandboxDirectory.Text;

/**
 * {@code GET /open-apis/corehr/v1/leaves/leave_balances}: checks the query as Feishu does
 * and pages through the directory, one employee per element and at most 20 a page.
 */
final class SandboxLeaveBalances {

	static final int MAX_PAGE_SIZE = 20;

	static final int MAX_IDS = 100;

	private static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

	/**
	 * The key Feishu's tokens carry, e.g. {@code {"eu_nc":"[\"6994333322503669260\"]"}}.
	 */
	private static final String TOKEN_KEY = "eu_nc";

	private static final JsonMapper JSON = JsonMapper.shared();

	private final SandboxDirectory directory;

	private final SandboxFaults faults;

	private final Clock clock;

	SandboxLeaveBalances(SandboxDirectory directory, SandboxFaults faults, Clock clock) {
		this.directory = directory;
		this.faults = faults;
		this.clock = clock;
	}

	Page page(MultiValueMap<String, String> query) {
		int pageSize = pageSize(query.getFirst("page_size"));
		IdType idType = idType(query.getFirst("user_id_type"));
		ZoneId zone = zone(query.getFirst("time_zone"));
		LocalDate asOfDate = asOfDate(query.getFirst("as_of_date"), zone);
		boolean includeOffboard = includeOffboard(query.getFirst("include_offboard"));
		List<String> ids = query.get("employment_id_list");
		List<Employee> sequence = sequence(ids, idType);
		this.faults.failLeaveBalances((ids != null) ? sequence : List.of());
		int from = start(query.getFirst("page_token"), sequence);
		int to = Math.min(from + pageSize, sequence.size());
		List<EmploymentBalance> list = new ArrayList<>(to - from);
		for (Employee employee : sequence.subList(from, to)) {
			list.add(employmentBalance(employee, idType, asOfDate, includeOffboard));
		}
		boolean hasMore = to < sequence.size();
		// Feishu sends no page_token on the last page.
		return new Page(list, hasMore, hasMore ? pageToken(sequence.get(to - 1)) : null);
	}

	private EmploymentBalance employmentBalance(Employee employee, IdType idType, LocalDate asOfDate,
			boolean includeOffboard) {
		List<LeaveBalance> balances = new ArrayList<>();
		for (LeaveType type : this.directory.leaveTypes()) {
			Balance b = this.directory.balance(employee, type, asOfDate);
			balances.add(new LeaveBalance(type.id(), type.name(), plain(b.historicalCyclesLeft()),
					plain(b.thisCycleTotal()), plain(b.thisCycleTaken()), plain(b.leaveBalance()), type.unit().code(),
					includeOffboard ? plain(b.historyCycleAccrual()) : null, plain(b.balanceInCurrentCycle()),
					includeOffboard ? plain(b.taken()) : null, plain(b.takenHistoryCycle()),
					includeOffboard ? plain(b.offboardingBalance()) : null,
					includeOffboard ? plain(b.takenCurrentDate()) : null,
					includeOffboard ? plain(b.offboardingGranted()) : null));
		}
		return new EmploymentBalance(employee.id(idType), employee.name(), asOfDate.toString(), balances);
	}

	/**
	 * The employees to page through: everyone, or the ones asked for, in the order asked.
	 * One id the tenant does not know refuses the whole call with 1160006, as Feishu
	 * does: the caller has to find the unknown id itself.
	 */
	private List<Employee> sequence(@Nullable List<String> ids, IdType idType) {
		if (ids == null) {
			return this.directory.employees();
		}
		if (ids.size() > MAX_IDS) {
			throw invalid("employment_id_list", Integer.toString(ids.size()),
					"at most " + MAX_IDS + " employment ids per request");
		}
		List<Employee> found = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (String id : ids) {
			if (seen.add(id)) {
				found.add(this.directory.employee(idType, id)
					.orElseThrow(() -> new SandboxError(HttpStatus.BAD_REQUEST, 1160006, "Employment not found")));
			}
		}
		return found;
	}

	/**
	 * Where a page starts: after the employee its token names, who must be in this very
	 * sequence.
	 */
	private int start(@Nullable String pageToken, List<Employee> sequence) {
		if (!StringUtils.hasLength(pageToken)) {
			return 0;
		}
		String last = lastIdOf(pageToken);
		for (int i = 0; i < sequence.size(); i++) {
			if (sequence.get(i).peopleCorehrId().equals(last)) {
				return i + 1;
			}
		}
		throw invalid("page_token", pageToken, "page_token does not belong to this query");
	}

	private static String lastIdOf(String pageToken) {
		try {
			JsonNode inner = JSON.readTree(pageToken).path(TOKEN_KEY);
			JsonNode cursor = inner.isString() ? JSON.readTree(inner.stringValue()) : null;
			if (cursor != null && cursor.isArray() && cursor.size() == 1 && cursor.get(0).isString()) {
				return cursor.get(0).stringValue();
			}
		}
		catch (JacksonException ex) {
			// Falls through to the same answer as a well-formed but wrong token.
		}
		throw invalid("page_token", pageToken, "malformed page_token");
	}

	private static String pageToken(Employee last) {
		return JSON.writeValueAsString(Map.of(TOKEN_KEY, JSON.writeValueAsString(List.of(last.peopleCorehrId()))));
	}

	private static int pageSize(@Nullable String value) {
		if (!StringUtils.hasText(value)) {
			throw invalid("page_size", value, "page_size is required");
		}
		try {
			int size = Integer.parseInt(value.trim());
			if (size >= 1 && size <= MAX_PAGE_SIZE) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// Falls through.
		}
		throw invalid("page_size", value, "page_size must be between 1 and " + MAX_PAGE_SIZE);
	}

	private static IdType idType(@Nullable String value) {
		if (!StringUtils.hasLength(value)) {
			return IdType.PEOPLE_COREHR_ID;
		}
		return IdType.ofWireName(value)
			.orElseThrow(() -> invalid("user_id_type", value,
					"must be one of people_corehr_id, open_id, union_id, user_id"));
	}

	private static ZoneId zone(@Nullable String value) {
		if (!StringUtils.hasLength(value)) {
			return DEFAULT_ZONE;
		}
		try {
			return ZoneId.of(value);
		}
		catch (DateTimeException ex) {
			throw invalid("time_zone", value, "unknown time zone");
		}
	}

	private LocalDate asOfDate(@Nullable String value, ZoneId zone) {
		if (!StringUtils.hasLength(value)) {
			return LocalDate.now(this.clock.withZone(zone));
		}
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeException ex) {
			throw invalid("as_of_date", value, "as_of_date must be yyyy-MM-dd");
		}
	}

	private static boolean includeOffboard(@Nullable String value) {
		if (!StringUtils.hasLength(value) || "false".equalsIgnoreCase(value)) {
			return false;
		}
		if ("true".equalsIgnoreCase(value)) {
			return true;
		}
		throw invalid("include_offboard", value, "include_offboard must be true or false");
	}

	private static SandboxError invalid(String field, @Nullable String value, String description) {
		return SandboxError.invalidParam(SandboxError.BALANCES_INVALID_PARAM, field, value, description);
	}

	private static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	/** {@code data} of an answer. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Page(@JsonProperty("employment_leave_balance_list") List<EmploymentBalance> employmentLeaveBalanceList,
			@JsonProperty("has_more") boolean hasMore, @JsonProperty("page_token") @Nullable String pageToken) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record EmploymentBalance(@JsonProperty("employment_id") String employmentId,
			@JsonProperty("employment_name") List<Text> employmentName, @JsonProperty("as_of_date") String asOfDate,
			@JsonProperty("leave_balance_list") List<LeaveBalance> leaveBalanceList) {
	}

	/**
	 * One leave type's balance; the five nullable fields only come with
	 * {@code include_offboard=true}.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record LeaveBalance(@JsonProperty("leave_type_id") String leaveTypeId,
			@JsonProperty("leave_type_name") List<Text> leaveTypeName,
			@JsonProperty("historical_cycles_left") String historicalCyclesLeft,
			@JsonProperty("this_cycle_total") String thisCycleTotal,
			@JsonProperty("this_cycle_taken") String thisCycleTaken, @JsonProperty("leave_balance") String leaveBalance,
			@JsonProperty("leave_duration_unit") int leaveDurationUnit,
			@JsonProperty("history_cycle_accrual") @Nullable String historyCycleAccrual,
			@JsonProperty("balance_in_current_cycle") String balanceInCurrentCycle,
			@JsonProperty("taken") @Nullable String taken,
			@JsonProperty("taken_history_cycle") String takenHistoryCycle,
			@JsonProperty("offboarding_balance") @Nullable String offboardingBalance,
			@JsonProperty("taken_current_date") @Nullable String takenCurrentDate,
			@JsonProperty("offboarding_granted") @Nullable String offboardingGranted) {
	}

}
