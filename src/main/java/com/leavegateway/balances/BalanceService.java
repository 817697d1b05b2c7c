package com.leavegateway.balances;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;

/** Employees' leave balances in the gateway's terms, from the cache or Feishu. */
@Service
public class BalanceService {

	private final BalanceLoader loader;

	BalanceService(BalanceLoader loader) {
		this.loader = loader;
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

	/** Every employee, handed over page by page as Feishu answers. */
	void forEachPage(BalanceQuery query, Consumer<List<Employee>> onPage) {
		this.loader.loadAll(query, onPage);
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
