package com.leavegateway.balances;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import com.leavegateway.cache.Futures;
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

	BalanceService(BalanceLoader loader, GatewayProperties properties, Clock clock, FeishuClient feishu,
			PriorityProperties priority) {
		this.loader = loader;
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
	CompletableFuture<Result> balances(BalanceQuery query, @Nullable List<String> employeeIds, boolean refresh) {
		if (employeeIds == null) {
			// Bulk: an all-employee listing. Its pages are not known in advance; at least
			// the first must fit the budget.
			Urgency urgency = this.feishu.urgency(Priority.BULK);
			List<CachedEmployee> all = Collections.synchronizedList(new ArrayList<>());
			CompletableFuture<Void> admitted = this.feishu.admitBalanceCalls(urgency, 1);
			CompletableFuture<Void> listed = admitted
				.thenCompose((ok) -> this.loader.loadAll(query, () -> urgency, all::addAll));
			return Futures.map(listed,
					(done) -> new Result(
							new LeaveBalancesResponse(query.asOfDate(), query.idType(), List.of(), List.of(),
									List.of()),
							List.copyOf(all), refresh ? CacheStatus.REFRESHED : CacheStatus.MISS, Map.of()));
		}
		return Futures.map(this.loader.load(query, employeeIds, refresh, urgency(employeeIds.size())),
				(lookup) -> result(query, employeeIds, refresh, lookup));
	}

	/**
	 * The employee's entry when the cache holds it, fetched already; null otherwise (the
	 * lookup of {@link #balances} then tells).
	 */
	@Nullable CachedEmployee cached(BalanceQuery query, String employeeId) {
		return this.loader.cached(query, employeeId);
	}

	/**
	 * Interactive up to {@code gateway.priority.bulk-threshold} ids (someone waits for
	 * them), bulk beyond.
	 */
	private Urgency urgency(int ids) {
		return this.feishu.urgency((ids <= this.priority.bulkThreshold()) ? Priority.INTERACTIVE : Priority.BULK);
	}

	private static Result result(BalanceQuery query, List<String> employeeIds, boolean refresh,
			BalanceLoader.Lookup lookup) {
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
		List<LeaveBalancesResponse.FailedEmployee> failed = new ArrayList<>();
		lookup.failed().forEach((id, error) -> failed.add(LeaveBalancesResponse.FailedEmployee.of(id, error)));
		return new Result(new LeaveBalancesResponse(query.asOfDate(), query.idType(), List.of(), notFound, failed),
				employees, CacheStatus.of(refresh, lookup.cached(), employeeIds.size()), lookup.failed());
	}

	/**
	 * For an export, on a thread of its own (the streaming response's): every employee
	 * page by page as Feishu sends them, or the named ones a batch
	 * ({@code gateway.batching.max-size}) at a time, so that the first rows go out long
	 * before the last are fetched. Either way the cache fills as it goes. Bulk: each call
	 * has a budget of its own, as an export takes minutes at Feishu's quota. The
	 * employees Feishu refused or failed on go to {@code onFailed}, batch by batch.
	 */
	void export(BalanceQuery query, @Nullable List<String> employeeIds, boolean refresh,
			Consumer<List<Employee>> onBatch, Consumer<List<LeaveBalancesResponse.FailedEmployee>> onFailed) {
		if (employeeIds == null) {
			Futures.join(this.loader.loadAll(query, () -> this.feishu.urgency(Priority.BULK),
					(entries) -> onBatch.accept(employees(entries))));
			return;
		}
		int size = this.loader.batchSize();
		for (int from = 0; from < employeeIds.size(); from += size) {
			List<String> batch = employeeIds.subList(from, Math.min(from + size, employeeIds.size()));
			BalanceLoader.Lookup lookup = Futures
				.join(this.loader.load(query, batch, refresh, this.feishu.urgency(Priority.BULK)));
			Result answer = result(query, batch, refresh, lookup);
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
		return Futures.map(balances(query, List.of(employeeId), false),
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

	/** How much of an answer the cache gave, as an RFC 9211 Cache-Status value. */
	enum CacheStatus {

		HIT("hit"), MISS("fwd=miss"), PARTIAL("fwd=partial"), REFRESHED("fwd=request");

		private final String headerValue;

		CacheStatus(String parameters) {
			this.headerValue = "feishu-leave-gateway; " + parameters;
		}

		static CacheStatus of(boolean refresh, int cached, int asked) {
			if (refresh) {
				return REFRESHED;
			}
			return (cached == asked) ? HIT : (cached == 0) ? MISS : PARTIAL;
		}

		String headerValue() {
			return this.headerValue;
		}

	}

}
