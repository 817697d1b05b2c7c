package com.leavegateway.balances;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import com.leavegateway.cache.CacheStatus;
import com.leavegateway.cache.RequestCacheControl;
import com.leavegateway.web.Futures;
import com.leavegateway.feishu.FeishuClient;
import com.leavegateway.feishu.FeishuErrorException;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.quota.Priority;
import com.leavegateway.quota.Urgency;
import com.leavegateway.web.GatewayProperties;
import com.leavegateway.web.RequestParameters;

/** Employees' leave balances in the gateway's terms, from the cache or Feishu. */
@Service
public class BalanceService {

	private final BalanceLoader loader;

	private final GatewayProperties properties;

	private final Clock clock;

	private final FeishuClient feishu;

	private final PriorityProperties priority;

	private final Listings listings;

	BalanceService(BalanceLoader loader, GatewayProperties properties, Clock clock, FeishuClient feishu,
			PriorityProperties priority, Listings listings) {
		this.loader = loader;
		this.listings = listings;
		this.properties = properties;
		this.clock = clock;
		this.feishu = feishu;
		this.priority = priority;
	}

	/**
	 * The checked ids of a list request, duplicates dropped; null (every employee) when
	 * the request names none.
	 */
	@Nullable List<String> employeeIds(@Nullable List<String> values) {
		return RequestParameters.employeeIds(values, this.properties.maxEmployeeIds());
	}

	/** The checked query of a request; "today" is taken in its time zone. */
	BalanceQuery query(BalanceParameters parameters) {
		return parameters.query(this.properties.defaultTimeZone(), this.clock);
	}

	/**
	 * The named employees, or every employee when {@code employeeIds} is null. Complete
	 * at once when the cache answers; cancelling the future gives up the request's place
	 * in the quota's queue.
	 */
	CompletableFuture<Result> balances(BalanceQuery query, @Nullable List<String> employeeIds,
			RequestCacheControl request) {
		if (employeeIds == null) {
			return listing(query, ListingCursor.START, ListingParameters.ALL, request);
		}
		return Futures.map(this.loader.load(query, employeeIds, request, urgency(employeeIds.size())),
				(lookup) -> result(query, employeeIds, request.noCache(), lookup, null));
	}

	/**
	 * A page of the named employees, or of the listing of every employee when
	 * {@code employeeIds} is null.
	 */
	CompletableFuture<Result> balances(BalanceQuery query, @Nullable List<String> employeeIds, ListingParameters paging,
			RequestCacheControl request) {
		int limit = paging.pageSize();
		ListingCursor from = paging.position(query);
		if (employeeIds == null) {
			return listing(query, from, limit, request);
		}
		if (paging.whole()) {
			return balances(query, employeeIds, request);
		}
		// A page of the named ids: the cursor's last id must be the one before the page,
		// so
		// a cursor of another list is refused rather than skipping or repeating ids.
		int start = from.offset();
		if (start > 0 && (start >= employeeIds.size() || !employeeIds.get(start - 1).equals(from.after()))) {
			throw ListingCursor.invalid();
		}
		int end = (int) Math.min((long) start + limit, employeeIds.size());
		List<String> page = employeeIds.subList(start, end);
		String next = (end < employeeIds.size()) ? new ListingCursor(end, employeeIds.get(end - 1)).encode(query)
				: null;
		return Futures.map(this.loader.load(query, page, request, urgency(page.size())),
				(lookup) -> result(query, page, request.noCache(), lookup, next));
	}

	/**
	 * At most {@code limit} employees of the listing of every employee from {@code from}
	 * on, with the cursor of the next page. From the query's roster and the cache where
	 * they hold the employees. {@code refresh} reads the roster anew for the whole
	 * listing, and asks again by id for the employees of a page.
	 */
	private CompletableFuture<Result> listing(BalanceQuery query, ListingCursor from, int limit,
			RequestCacheControl request) {
		boolean whole = from.equals(ListingCursor.START) && limit == ListingParameters.ALL;
		boolean refresh = request.noCache();
		// A whole listing is bulk; a page is as urgent as a list of its size.
		Urgency urgency = whole ? this.feishu.urgency(Priority.BULK) : urgency(limit);
		// A whole listing with no-cache reads the roster anew, whose employees need no
		// second call; a page asks again by id.
		RequestCacheControl byId = (whole && refresh)
				? new RequestCacheControl(false, request.maxAge(), request.maxStale()) : request;
		return Futures.map(this.listings.page(query, from, limit, whole && refresh, byId, urgency), (page) -> {
			CacheStatus status = (page.asked() > 0 || refresh)
					? CacheStatus.of(refresh, page.cached(), page.asked(), page.served())
					: page.readPages() ? CacheStatus.ALL_FETCHED : CacheStatus.of(false, 0, 0, CacheStatus.Served.NONE);
			return new Result(
					new LeaveBalancesResponse(query.asOfDate(), query.idType(), List.of(), page.notFound(),
							failed(page.failed()), (page.next() != null) ? page.next().encode(query) : null),
					page.employees(), status, page.failed());
		});
	}

	/**
	 * The employee's entry when the cache holds it fresh, and its seconds of freshness
	 * left; null otherwise (the lookup of {@link #balances} then tells).
	 */
	BalanceLoader.@Nullable Hit fresh(BalanceQuery query, String employeeId) {
		return this.loader.fresh(query, employeeId);
	}

	/**
	 * Interactive up to {@code gateway.priority.bulk-threshold} ids (someone waits for
	 * them), bulk beyond.
	 */
	private Urgency urgency(int ids) {
		return this.feishu.urgency((ids <= this.priority.bulkThreshold()) ? Priority.INTERACTIVE : Priority.BULK);
	}

	private static Result result(BalanceQuery query, List<String> employeeIds, boolean refresh,
			BalanceLoader.Lookup lookup, @Nullable String nextCursor) {
		List<CachedEmployee> employees = new ArrayList<>();
		List<String> notFound = new ArrayList<>();
		for (Map.Entry<String, @Nullable CachedEmployee> entry : lookup.entries().entrySet()) {
			if (entry.getValue() != null) {
				employees.add(entry.getValue());
			}
			else {
				notFound.add(entry.getKey());
			}
		}
		return new Result(
				new LeaveBalancesResponse(query.asOfDate(), query.idType(), List.of(), notFound,
						failed(lookup.failed()), nextCursor),
				employees, CacheStatus.of(refresh, lookup.cached(), employeeIds.size(), lookup.served()),
				lookup.failed());
	}

	private static List<LeaveBalancesResponse.FailedEmployee> failed(Map<String, FeishuErrorException> failures) {
		List<LeaveBalancesResponse.FailedEmployee> failed = new ArrayList<>();
		failures.forEach((id, error) -> failed.add(LeaveBalancesResponse.FailedEmployee.of(id, error)));
		return failed;
	}

	/**
	 * For an export, on a thread of its own (the streaming response's): every employee
	 * page by page as Feishu sends them, or the named ones a batch
	 * ({@code gateway.batching.max-size}) at a time, so that the first rows go out long
	 * before the last are fetched. Either way the cache fills as it goes. Bulk: each call
	 * has a budget of its own, as an export takes minutes at Feishu's quota. The
	 * employees Feishu refused or failed on go to {@code onFailed}, batch by batch.
	 */
	void export(BalanceQuery query, @Nullable List<String> employeeIds, RequestCacheControl request,
			Consumer<List<Employee>> onBatch, Consumer<List<LeaveBalancesResponse.FailedEmployee>> onFailed) {
		if (employeeIds == null) {
			// At most one of Feishu's pages at a time, the roster's known part from the
			// cache.
			ListingCursor at = ListingCursor.START;
			boolean newRoster = request.noCache();
			while (at != null) {
				Listings.Page page = Futures.join(this.listings.nextChunk(query, at, this.loader.batchSize(), newRoster,
						this.feishu.urgency(Priority.BULK)));
				newRoster = false;
				onBatch.accept(employees(page.employees()));
				if (!page.failed().isEmpty()) {
					onFailed.accept(failed(page.failed()));
				}
				at = page.next();
			}
			return;
		}
		int size = this.loader.batchSize();
		for (int from = 0; from < employeeIds.size(); from += size) {
			List<String> batch = employeeIds.subList(from, Math.min(from + size, employeeIds.size()));
			BalanceLoader.Lookup lookup = Futures
				.join(this.loader.load(query, batch, request, this.feishu.urgency(Priority.BULK)));
			Result answer = result(query, batch, request.noCache(), lookup, null);
			onBatch.accept(employees(answer.employees()));
			if (!answer.frame().failed().isEmpty()) {
				onFailed.accept(answer.frame().failed());
			}
		}
	}

	/**
	 * One employee's balances, empty when Feishu does not know the id; Feishu's answer as
	 * an exception when it refused or failed on the employee.
	 */
	public CompletableFuture<Optional<Employee>> employee(BalanceQuery query, String employeeId) {
		return Futures.map(balances(query, List.of(employeeId), RequestCacheControl.NONE),
				(result) -> result.single().map(CachedEmployee::employee));
	}

	private static List<Employee> employees(List<CachedEmployee> entries) {
		return entries.stream().map(CachedEmployee::employee).toList();
	}

	/**
	 * An answer and whether it came from the cache: its own fields ({@code frame}, whose
	 * employees are left empty) and the cache entries of its employees, in order;
	 * {@code failures} holds Feishu's answer for each employee in the frame's
	 * {@code failed}.
	 */
	record Result(LeaveBalancesResponse frame, List<CachedEmployee> employees, CacheStatus cacheStatus,
			Map<String, FeishuErrorException> failures) {

		/**
		 * The one employee asked for: empty when Feishu does not know it, Feishu's answer
		 * thrown when it refused or failed on it (502 UPSTREAM_FORBIDDEN or
		 * UPSTREAM_ERROR).
		 */
		Optional<CachedEmployee> single() {
			for (FeishuErrorException failure : this.failures.values()) {
				throw failure;
			}
			return this.employees.stream().findFirst();
		}

	}

}
