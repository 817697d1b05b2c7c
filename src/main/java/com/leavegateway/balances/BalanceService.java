package com.leavegateway.balances;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.web.GatewayProperties;
import com.leavegateway.web.RequestParameters;

/** Employees' leave balances in the gateway's terms, from the cache or Feishu. */
@Service
public class BalanceService {

	private final BalanceLoader loader;

	private final GatewayProperties properties;

	private final Clock clock;

	BalanceService(BalanceLoader loader, GatewayProperties properties, Clock clock) {
		this.loader = loader;
		this.properties = properties;
		this.clock = clock;
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

	/** The named employees, or every employee when {@code employeeIds} is null. */
	Result balances(BalanceQuery query, @Nullable List<String> employeeIds, boolean refresh) {
		if (employeeIds == null) {
			List<Employee> all = new ArrayList<>();
			this.loader.loadAll(query, all::addAll);
			return new Result(new LeaveBalancesResponse(query.asOfDate(), query.idType(), all, List.of()),
					refresh ? CacheStatus.REFRESHED : CacheStatus.MISS);
		}
		BalanceLoader.Lookup lookup = this.loader.load(query, employeeIds, refresh);
		List<Employee> employees = new ArrayList<>();
		List<String> notFound = new ArrayList<>();
		for (Map.Entry<String, @Nullable Employee> entry : lookup.employees().entrySet()) {
			if (entry.getValue() != null) {
				employees.add(entry.getValue());
			}
			else {
				notFound.add(entry.getKey());
			}
		}
		return new Result(new LeaveBalancesResponse(query.asOfDate(), query.idType(), employees, notFound),
				CacheStatus.of(refresh, lookup.cached(), employeeIds.size()));
	}

	/**
	 * For an export: every employee page by page as Feishu sends them, or the named ones
	 * a batch ({@code gateway.batching.max-size}) at a time, so that the first rows go
	 * out long before the last are fetched. Either way the cache fills as it goes.
	 */
	void export(BalanceQuery query, @Nullable List<String> employeeIds, boolean refresh,
			Consumer<List<Employee>> onBatch) {
		if (employeeIds == null) {
			this.loader.loadAll(query, onBatch);
			return;
		}
		int size = this.loader.batchSize();
		for (int from = 0; from < employeeIds.size(); from += size) {
			List<String> batch = employeeIds.subList(from, Math.min(from + size, employeeIds.size()));
			onBatch.accept(balances(query, batch, refresh).response().employees());
		}
	}

	/** One employee's balances, empty when Feishu does not know the id. */
	public Optional<Employee> employee(BalanceQuery query, String employeeId) {
		return balances(query, List.of(employeeId), false).response().employees().stream().findFirst();
	}

	/** A response and whether it came from the cache. */
	record Result(LeaveBalancesResponse response, CacheStatus cacheStatus) {
	}

	/** How much of an answer the cache gave, as an RFC 9211 Cache-Status value. */
	enum CacheStatus {

		HIT("hit"), MISS("fwd=miss"), PARTIAL("fwd=partial"), REFRESHED("fwd=request");

		private final String parameters;

		CacheStatus(String parameters) {
			this.parameters = parameters;
		}

		static CacheStatus of(boolean refresh, int cached, int asked) {
			if (refresh) {
				return REFRESHED;
			}
			return (cached == asked) ? HIT : (cached == 0) ? MISS : PARTIAL;
		}

		String headerValue() {
			return "feishu-leave-gateway; " + this.parameters;
		}

	}

}
