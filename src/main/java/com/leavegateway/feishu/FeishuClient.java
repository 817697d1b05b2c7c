package com.leavegateway.feishu;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriUtils;

import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.leave.ExpiringGrantsQuery;
import com.leavegateway.leave.Grant;

/**
 * Feishu's leave APIs as plain method calls in the gateway's own terms: tenant tokens,
 * paging, id lists, the GET with a body and the wire format are handled here. Blocking;
 * safe for concurrent use.
 */
public class FeishuClient {

	private static final Logger logger = LoggerFactory.getLogger(FeishuClient.class);

	/** Feishu takes at most 100 ids in employment_id_list. */
	static final int MAX_IDS_PER_CALL = 100;

	private final FeishuTransport transport;

	private final TenantTokenProvider tokens;

	private final int pageSize;

	private final Clock clock;

	/** Calls made only to isolate employees, by the class of answer that needed it. */
	private final Map<FeishuOutcome, Counter> isolationCalls = new EnumMap<>(FeishuOutcome.class);

	FeishuClient(FeishuTransport transport, TenantTokenProvider tokens, int pageSize, Clock clock,
			MeterRegistry meters) {
		this.transport = transport;
		this.tokens = tokens;
		this.pageSize = pageSize;
		this.clock = clock;
		for (FeishuOutcome outcome : FeishuOutcome.values()) {
			if (outcome.isPerEmployee()) {
				this.isolationCalls.put(outcome,
						Counter.builder("feishu.isolation.calls")
							.description("Extra leave_balances calls made to split a list until the employees Feishu "
									+ "does not know, refuses or fails on stand alone")
							.tag("reason", outcome.name().toLowerCase(Locale.ROOT))
							.register(meters));
			}
		}
	}

	/**
	 * The balances of the given employees, or of every employee when {@code employeeIds}
	 * is empty, all pages read. Employees Feishu does not know are left out of the
	 * answer, those it refuses or fails on are listed apart; {@code fetchedAt} is when
	 * their page arrived.
	 */
	public LeaveBalances leaveBalances(BalanceQuery query, List<String> employeeIds) {
		List<Employee> all = new ArrayList<>();
		List<FailedEmployee> failed = new ArrayList<>();
		leaveBalancePages(query, employeeIds, all::addAll, failed::add);
		return new LeaveBalances(all, failed);
	}

	/**
	 * Like {@link #leaveBalances}, but waits for the call's quota permit first and asks
	 * for the ids only once it has it: a batch can keep gathering employees while it
	 * waits for its turn.
	 */
	public LeaveBalances leaveBalancesOncePermitted(BalanceQuery query, Supplier<List<String>> employeeIds) {
		this.transport.prepay(FeishuApi.LEAVE_BALANCES);
		try {
			return leaveBalances(query, employeeIds.get());
		}
		finally {
			this.transport.forgetPrepaid();
		}
	}

	/**
	 * Like {@link #leaveBalances} but hands over each page as it arrives. Each employee
	 * is handed over once. One employee does not cost the others their answer: when
	 * Feishu refuses a list because of an id it does not know, refuses or fails on
	 * ({@link FeishuOutcome#isPerEmployee()}), the list is split until the ids at fault
	 * stand alone; unknown ones are left out, the others handed to {@code onFailed}. The
	 * extra calls are counted in {@code feishu.isolation.calls}. Without ids (every
	 * employee) there is nothing to split: such an answer fails the whole listing.
	 */
	public void leaveBalancePages(BalanceQuery query, List<String> employeeIds, Consumer<List<Employee>> onPage,
			Consumer<FailedEmployee> onFailed) {
		Set<String> delivered = new HashSet<>();
		if (employeeIds.isEmpty()) {
			pages(query, List.of(), delivered, onPage, null);
			return;
		}
		List<String> ids = List.copyOf(new LinkedHashSet<>(employeeIds));
		for (int from = 0; from < ids.size(); from += MAX_IDS_PER_CALL) {
			fetchIsolating(query, ids.subList(from, Math.min(from + MAX_IDS_PER_CALL, ids.size())), delivered, onPage,
					onFailed, null);
		}
	}

	/**
	 * {@code splitFor} is the class of answer that made the caller split the list (null:
	 * no split yet); the calls made for it are isolation cost.
	 */
	private void fetchIsolating(BalanceQuery query, List<String> ids, Set<String> delivered,
			Consumer<List<Employee>> onPage, Consumer<FailedEmployee> onFailed, @Nullable FeishuOutcome splitFor) {
		try {
			pages(query, ids, delivered, onPage, splitFor);
		}
		catch (FeishuErrorException ex) {
			if (!ex.outcome().isPerEmployee()) {
				throw ex;
			}
			if (ids.size() > 1) {
				int half = ids.size() / 2;
				fetchIsolating(query, ids.subList(0, half), delivered, onPage, onFailed, ex.outcome());
				fetchIsolating(query, ids.subList(half, ids.size()), delivered, onPage, onFailed, ex.outcome());
			}
			else if (!ex.isEmployeeNotFound() && !delivered.contains(ids.get(0))) {
				onFailed.accept(new FailedEmployee(ids.get(0), ex));
			}
		}
	}

	private void pages(BalanceQuery query, List<String> ids, Set<String> delivered, Consumer<List<Employee>> onPage,
			@Nullable FeishuOutcome splitFor) {
		Set<String> asked = new HashSet<>(ids);
		Set<String> pageTokens = new HashSet<>();
		@Nullable String pageToken = null;
		while (true) {
			if (splitFor != null) {
				this.isolationCalls.get(splitFor).increment();
			}
			LeaveBalancesPage page = call(FeishuApi.LEAVE_BALANCES, HttpMethod.GET, balancesUri(query, ids, pageToken),
					null)
				.data(LeaveBalancesPage.class);
			Instant fetchedAt = this.clock.instant();
			List<Employee> employees = new ArrayList<>();
			if (page.employmentLeaveBalanceList() != null) {
				for (EmploymentLeaveBalance employee : page.employmentLeaveBalanceList()) {
					if (employee == null || employee.employmentId() == null) {
						throw new FeishuBadResponseException(FeishuApi.LEAVE_BALANCES, 200, "employee without id");
					}
					if (!ids.isEmpty() && !asked.contains(employee.employmentId())) {
						logger.warn("Feishu leave_balances returned an employee that was not asked for; ignored");
						continue;
					}
					if (delivered.add(employee.employmentId())) {
						employees.add(FeishuMapping.employee(employee, query, fetchedAt));
					}
				}
			}
			onPage.accept(employees);
			if (!Boolean.TRUE.equals(page.hasMore())) {
				return;
			}
			String next = page.pageToken();
			// An empty or repeated token would loop forever; the answer is incomplete, so
			// it is an error.
			if (next == null || next.isEmpty()) {
				throw new FeishuBadResponseException(FeishuApi.LEAVE_BALANCES, 200, "has_more without a page_token");
			}
			if (!pageTokens.add(next)) {
				throw new FeishuBadResponseException(FeishuApi.LEAVE_BALANCES, 200, "page_token repeated");
			}
			pageToken = next;
		}
	}

	private String balancesUri(BalanceQuery query, List<String> ids, @Nullable String pageToken) {
		StringBuilder uri = new StringBuilder(FeishuApi.LEAVE_BALANCES.path());
		uri.append("?page_size=").append(this.pageSize);
		uri.append("&user_id_type=").append(encode(query.idType().wireName()));
		uri.append("&as_of_date=").append(query.asOfDate());
		uri.append("&time_zone=").append(encode(query.timeZone().getId()));
		if (query.includeOffboard()) {
			uri.append("&include_offboard=true");
		}
		for (String id : ids) {
			uri.append("&employment_id_list=").append(encode(id));
		}
		if (pageToken != null) {
			uri.append("&page_token=").append(encode(pageToken));
		}
		return uri.toString();
	}

	/**
	 * The grants of one employee and leave type that expire in the query's window, in
	 * Feishu's order.
	 */
	public List<Grant> expiringGrants(ExpiringGrantsQuery query) {
		String uri = FeishuApi.LEAVE_EXPIRE_RECORDS.path() + "/"
				+ UriUtils.encodePathSegment(query.leaveTypeId(), StandardCharsets.UTF_8) + "?user_id_type="
				+ encode(query.idType().wireName());
		ExpireRecordsRequest body = new ExpireRecordsRequest(query.employeeId(), query.leaveTypeId(),
				query.from().toString(), query.to().toString(), query.timeOffsetMinutes());
		ExpireRecordsData data = call(FeishuApi.LEAVE_EXPIRE_RECORDS, HttpMethod.GET, uri, body)
			.data(ExpireRecordsData.class);
		List<ExpireRecord> records = (data.records() != null) ? data.records() : List.of();
		List<Grant> grants = new ArrayList<>();
		for (ExpireRecord record : records) {
			if (record == null || record.id() == null) {
				throw new FeishuBadResponseException(FeishuApi.LEAVE_EXPIRE_RECORDS, 200, "record without id");
			}
			grants.add(FeishuMapping.grant(record));
		}
		return grants;
	}

	/**
	 * One business call; a token Feishu refuses is dropped, renewed and the call retried
	 * once.
	 */
	private FeishuTransport.Answer call(FeishuApi api, HttpMethod method, String pathAndQuery, @Nullable Object body) {
		String token = this.tokens.token();
		FeishuTransport.Answer answer = this.transport.send(api, method, pathAndQuery, body, token);
		if (answer.isTokenError()) {
			logger.info("Feishu refused the tenant token (code {}); renewing it and retrying once", answer.code());
			this.tokens.invalidate(token);
			answer = this.transport.send(api, method, pathAndQuery, body, this.tokens.token());
		}
		return answer;
	}

	/**
	 * Makes sure a tenant token can be had (cached or fetched); for the readiness check.
	 */
	void tenantToken() {
		this.tokens.token();
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}
