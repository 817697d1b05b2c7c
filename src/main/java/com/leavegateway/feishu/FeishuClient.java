package com.leavegateway.feishu;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
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
import com.leavegateway.quota.Permit;
import com.leavegateway.quota.Priority;
import com.leavegateway.quota.Urgency;

/**
 * Feishu's leave APIs as plain method calls in the gateway's own terms: tenant tokens,
 * paging, id lists, the GET with a body and the wire format are handled here. Nothing
 * blocks: every answer is a future, every call waits for its quota permit (of the
 * {@link Urgency} its caller passes) without a thread. Safe for concurrent use.
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
	 * The urgency of a request arriving now: its class, and
	 * {@code feishu.quotas.max-wait} as the budget of all its calls. Pass it with each of
	 * them.
	 */
	public Urgency urgency(Priority priority) {
		return this.transport.guarded().urgency(priority);
	}

	/**
	 * Completes when {@code calls} leave-balances calls could all be had within the
	 * request's budget; otherwise fails at once with the quota's
	 * {@code QuotaExhaustedException}, before any call is made.
	 */
	public CompletableFuture<Void> admitBalanceCalls(Urgency urgency, int calls) {
		return this.transport.guarded().admit(FeishuApi.LEAVE_BALANCES, urgency, calls);
	}

	/** The same for expiring-grants calls. */
	public CompletableFuture<Void> admitGrantCalls(Urgency urgency, int calls) {
		return this.transport.guarded().admit(FeishuApi.LEAVE_EXPIRE_RECORDS, urgency, calls);
	}

	/**
	 * A permit for a leave-balances call, to hand to {@link #leaveBalances} later: a
	 * batch keeps gathering employees while it waits for its turn. The tenant token is
	 * made sure of first, so that the call goes as soon as the permit comes: the window
	 * counts it at that moment. Cancelling the future gives up the place in the queue.
	 */
	public CompletableFuture<Permit> leaveBalancesPermit(Urgency urgency) {
		Relay<Permit> relay = new Relay<>();
		this.tokens.ready(urgency).whenComplete((token, failure) -> {
			if (failure != null) {
				relay.result().completeExceptionally(FeishuTransport.unwrap(failure));
				return;
			}
			relay.track(this.transport.guarded().permit(FeishuApi.LEAVE_BALANCES, urgency))
				.whenComplete((permit, refused) -> {
					if (refused != null) {
						relay.result().completeExceptionally(FeishuTransport.unwrap(refused));
					}
					else if (!relay.result().complete(permit)) {
						permit.giveBack();
					}
				});
		});
		return relay.result();
	}

	/**
	 * The balances of the given employees, all pages read; {@code permit}, when given,
	 * pays for the first call (and is given back if no call is made). Employees Feishu
	 * does not know are left out of the answer, those it refuses or fails on are listed
	 * apart; {@code fetchedAt} is when their page arrived.
	 */
	public CompletableFuture<LeaveBalances> leaveBalances(BalanceQuery query, List<String> employeeIds, Urgency urgency,
			@Nullable Permit permit) {
		List<Employee> all = Collections.synchronizedList(new ArrayList<>());
		List<FailedEmployee> failed = Collections.synchronizedList(new ArrayList<>());
		return leaveBalancePages(query, employeeIds, () -> urgency, permit, all::addAll, failed::add)
			.thenApply((done) -> new LeaveBalances(List.copyOf(all), List.copyOf(failed)));
	}

	/**
	 * The balances of the given employees, or of every employee when {@code employeeIds}
	 * is empty, handed over page by page as they arrive; pages are asked one after the
	 * other (page tokens), each with a permit of {@code urgency.get()}. Each employee is
	 * handed over once. One employee does not cost the others their answer: when Feishu
	 * refuses a list because of an id it does not know, refuses or fails on
	 * ({@link FeishuOutcome#isPerEmployee()}), the list is split until the ids at fault
	 * stand alone; unknown ones are left out, the others handed to {@code onFailed}. The
	 * extra calls are counted in {@code feishu.isolation.calls}. Without ids (every
	 * employee) there is nothing to split: such an answer fails the whole listing.
	 * Cancelling the future stops after the step under way.
	 */
	public CompletableFuture<Void> leaveBalancePages(BalanceQuery query, List<String> employeeIds,
			Supplier<Urgency> urgency, @Nullable Permit permit, Consumer<List<Employee>> onPage,
			Consumer<FailedEmployee> onFailed) {
		Listing listing = new Listing(query, urgency, new Relay<>(), new AtomicReference<>(permit),
				ConcurrentHashMap.newKeySet(), onPage);
		listing.relay.result().whenComplete((done, failure) -> {
			Permit unused = listing.permit.getAndSet(null);
			if (unused != null) {
				unused.giveBack();
			}
		});
		CompletableFuture<Void> all;
		if (employeeIds.isEmpty()) {
			all = pages(listing, List.of(), null, null);
		}
		else {
			List<String> ids = List.copyOf(new LinkedHashSet<>(employeeIds));
			all = CompletableFuture.completedFuture(null);
			for (int from = 0; from < ids.size(); from += MAX_IDS_PER_CALL) {
				List<String> chunk = ids.subList(from, Math.min(from + MAX_IDS_PER_CALL, ids.size()));
				all = all.thenCompose((done) -> fetchIsolating(listing, chunk, onFailed, null));
			}
		}
		all.whenComplete((done, failure) -> {
			if (failure != null) {
				listing.relay.result().completeExceptionally(FeishuTransport.unwrap(failure));
			}
			else {
				listing.relay.result().complete(null);
			}
		});
		return listing.relay.result();
	}

	/**
	 * {@code splitFor} is the class of answer that made the caller split the list (null:
	 * no split yet); the calls made for it are isolation cost.
	 */
	private CompletableFuture<Void> fetchIsolating(Listing listing, List<String> ids, Consumer<FailedEmployee> onFailed,
			@Nullable FeishuOutcome splitFor) {
		return pages(listing, ids, null, splitFor).exceptionallyCompose((failure) -> {
			Throwable cause = FeishuTransport.unwrap(failure);
			if (!(cause instanceof FeishuErrorException error) || !error.outcome().isPerEmployee()) {
				return CompletableFuture.failedFuture(cause);
			}
			if (ids.size() == 1) {
				if (!error.isEmployeeNotFound() && !listing.delivered.contains(ids.get(0))) {
					onFailed.accept(new FailedEmployee(ids.get(0), error));
				}
				return CompletableFuture.completedFuture(null);
			}
			int half = ids.size() / 2;
			return fetchIsolating(listing, ids.subList(0, half), onFailed, error.outcome()).thenCompose(
					(done) -> fetchIsolating(listing, ids.subList(half, ids.size()), onFailed, error.outcome()));
		});
	}

	private CompletableFuture<Void> pages(Listing listing, List<String> ids, @Nullable String pageToken,
			@Nullable FeishuOutcome splitFor) {
		return page(listing, ids, pageToken, splitFor).thenCompose((next) -> (next == null)
				? CompletableFuture.completedFuture(null) : pages(listing, ids, next, splitFor));
	}

	/**
	 * Every employee one page at a time, for a caller that keeps what it was given and
	 * may stop anywhere: Feishu's page token stays inside the listing.
	 */
	public EmployeeListing everyEmployee(BalanceQuery query) {
		return new EmployeeListing(query, (pageToken, urgency, delivered, pageTokens, onPage) -> {
			Listing listing = new Listing(query, () -> urgency, new Relay<>(), new AtomicReference<>(), delivered,
					onPage, pageTokens);
			return page(listing, List.of(), pageToken, null);
		});
	}

	/**
	 * One call of a listing: its new employees go to {@code onPage}; completes with the
	 * next page's token, null after the last page.
	 */
	private CompletableFuture<@Nullable String> page(Listing listing, List<String> ids, @Nullable String pageToken,
			@Nullable FeishuOutcome splitFor) {
		BalanceQuery query = Objects.requireNonNull(listing.query, "a listing of balances has a query");
		if (splitFor != null) {
			this.isolationCalls.get(splitFor).increment();
		}
		return call(listing, FeishuApi.LEAVE_BALANCES, HttpMethod.GET, balancesUri(query, ids, pageToken), null)
			.thenApply((answer) -> {
				LeaveBalancesPage page = answer.data(LeaveBalancesPage.class);
				Instant fetchedAt = this.clock.instant();
				Set<String> asked = new HashSet<>(ids);
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
						if (listing.delivered.add(employee.employmentId())) {
							employees.add(FeishuMapping.employee(employee, query, fetchedAt));
						}
					}
				}
				listing.onPage.accept(employees);
				if (!Boolean.TRUE.equals(page.hasMore())) {
					return null;
				}
				String next = page.pageToken();
				// An empty or repeated token would loop forever; the answer is
				// incomplete, so it is an error.
				if (next == null || next.isEmpty()) {
					throw new FeishuBadResponseException(FeishuApi.LEAVE_BALANCES, 200,
							"has_more without a page_token");
				}
				if (!listing.pageTokens.add(next)) {
					throw new FeishuBadResponseException(FeishuApi.LEAVE_BALANCES, 200, "page_token repeated");
				}
				return next;
			});
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
	public CompletableFuture<List<Grant>> expiringGrants(ExpiringGrantsQuery query, Urgency urgency) {
		String uri = FeishuApi.LEAVE_EXPIRE_RECORDS.path() + "/"
				+ UriUtils.encodePathSegment(query.leaveTypeId(), StandardCharsets.UTF_8) + "?user_id_type="
				+ encode(query.idType().wireName());
		ExpireRecordsRequest body = new ExpireRecordsRequest(query.employeeId(), query.leaveTypeId(),
				query.from().toString(), query.to().toString(), query.timeOffsetMinutes());
		Listing single = new Listing(null, () -> urgency, new Relay<>(), new AtomicReference<>(), Set.of(), (page) -> {
		});
		return call(single, FeishuApi.LEAVE_EXPIRE_RECORDS, HttpMethod.GET, uri, body).thenApply((answer) -> {
			ExpireRecordsData data = answer.data(ExpireRecordsData.class);
			List<ExpireRecord> records = (data.records() != null) ? data.records() : List.of();
			List<Grant> grants = new ArrayList<>();
			for (ExpireRecord record : records) {
				if (record == null || record.id() == null) {
					throw new FeishuBadResponseException(FeishuApi.LEAVE_EXPIRE_RECORDS, 200, "record without id");
				}
				grants.add(FeishuMapping.grant(record));
			}
			return grants;
		});
	}

	/**
	 * One business call of a listing, with a permit of its urgency (the listing's own
	 * permit for its first call); a token Feishu refuses is dropped, renewed and the call
	 * retried once.
	 */
	private CompletableFuture<FeishuTransport.Answer> call(Listing listing, FeishuApi api, HttpMethod method,
			String pathAndQuery, @Nullable Object body) {
		Urgency urgency = listing.urgency.get();
		return this.tokens.token(urgency)
			.thenCompose((token) -> listing.relay
				.track(this.transport.send(api, method, pathAndQuery, body, token, urgency,
						listing.permit.getAndSet(null)))
				.thenCompose((answer) -> {
					if (!answer.isTokenError()) {
						return CompletableFuture.completedFuture(answer);
					}
					logger.info("Feishu refused the tenant token (code {}); renewing it and retrying once",
							answer.code());
					this.tokens.invalidate(token);
					return this.tokens.token(urgency)
						.thenCompose((fresh) -> listing.relay
							.track(this.transport.send(api, method, pathAndQuery, body, fresh, urgency, null)));
				}));
	}

	/**
	 * Makes sure a tenant token can be had (cached or fetched); for the readiness check,
	 * which waits for it on its own thread.
	 */
	void tenantToken() {
		try {
			this.tokens.token(urgency(Priority.INTERACTIVE)).join();
		}
		catch (CompletionException ex) {
			throw (FeishuTransport.unwrap(ex) instanceof RuntimeException cause) ? cause : ex;
		}
	}

	/**
	 * The calls of one answer in the making: the pages of a listing, or one call.
	 * {@code permit} pays for its first call; {@code delivered} and {@code pageTokens}
	 * are only touched by one step at a time.
	 */
	private record Listing(@Nullable BalanceQuery query, Supplier<Urgency> urgency, Relay<Void> relay,
			AtomicReference<@Nullable Permit> permit, Set<String> delivered, Consumer<List<Employee>> onPage,
			Set<String> pageTokens) {

		Listing(@Nullable BalanceQuery query, Supplier<Urgency> urgency, Relay<Void> relay,
				AtomicReference<@Nullable Permit> permit, Set<String> delivered, Consumer<List<Employee>> onPage) {
			this(query, urgency, relay, permit, delivered, onPage, ConcurrentHashMap.newKeySet());
		}

	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}
