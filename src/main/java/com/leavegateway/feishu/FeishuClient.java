package com.leavegateway.feishu;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

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

	FeishuClient(FeishuTransport transport, TenantTokenProvider tokens, int pageSize, Clock clock) {
		this.transport = transport;
		this.tokens = tokens;
		this.pageSize = pageSize;
		this.clock = clock;
	}

	/**
	 * The balances of the given employees, or of every employee when {@code employeeIds}
	 * is empty, all pages read. Employees Feishu does not know are left out of the
	 * answer; {@code fetchedAt} is when their page arrived.
	 */
	public List<Employee> leaveBalances(BalanceQuery query, List<String> employeeIds) {
		List<Employee> all = new ArrayList<>();
		leaveBalancePages(query, employeeIds, all::addAll);
		return all;
	}

	/**
	 * Like {@link #leaveBalances}, but waits for the call's quota permit first and asks
	 * for the ids only once it has it: a batch can keep gathering employees while it
	 * waits for its turn.
	 */
	public List<Employee> leaveBalancesOncePermitted(BalanceQuery query, Supplier<List<String>> employeeIds) {
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
	 * is handed over once. Unknown ids do not cost the others their answer: when Feishu
	 * refuses a list because of an id it does not know, the list is split until the
	 * unknown ids stand alone.
	 */
	public void leaveBalancePages(BalanceQuery query, List<String> employeeIds, Consumer<List<Employee>> onPage) {
		Set<String> delivered = new HashSet<>();
		if (employeeIds.isEmpty()) {
			pages(query, List.of(), delivered, onPage);
			return;
		}
		List<String> ids = List.copyOf(new LinkedHashSet<>(employeeIds));
		for (int from = 0; from < ids.size(); from += MAX_IDS_PER_CALL) {
			fetchIsolatingUnknown(query, ids.subList(from, Math.min(from + MAX_IDS_PER_CALL, ids.size())), delivered,
					onPage);
		}
	}

	private void fetchIsolatingUnknown(BalanceQuery query, List<String> ids, Set<String> delivered,
			Consumer<List<Employee>> onPage) {
		try {
			pages(query, ids, delivered, onPage);
		}
		catch (FeishuErrorException ex) {
			if (!ex.isEmployeeNotFound()) {
				throw ex;
			}
			if (ids.size() > 1) {
				int half = ids.size() / 2;
				fetchIsolatingUnknown(query, ids.subList(0, half), delivered, onPage);
				fetchIsolatingUnknown(query, ids.subList(half, ids.size()), delivered, onPage);
			}
		}
	}

	private void pages(BalanceQuery query, List<String> ids, Set<String> delivered, Consumer<List<Employee>> onPage) {
		Set<String> asked = new HashSet<>(ids);
		Set<String> pageTokens = new HashSet<>();
		@Nullable String pageToken = null;
		while (true) {
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
