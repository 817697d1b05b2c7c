package com.leavegateway.grants;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.stereotype.Service;

import com.leavegateway.balances.BalanceService;
import com.leavegateway.cache.CacheProperties;
import com.leavegateway.cache.EmployeeScopedKey;
import com.leavegateway.cache.Futures;
import com.leavegateway.feishu.FeishuClient;
import com.leavegateway.grants.GrantParameters.GrantWindow;
import com.leavegateway.leave.Balance;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.leave.ExpiringGrantsQuery;
import com.leavegateway.leave.Grant;
import com.leavegateway.leave.LeaveUnit;
import com.leavegateway.problem.ApiException;
import com.leavegateway.web.GatewayProperties;

/**
 * Grants that expire in a window, per leave type or across all of an employee's leave
 * types.
 */
@Service
class GrantService {

	/**
	 * Soonest expiry first; grants without a date last; the id keeps equal dates in a
	 * stable order.
	 */
	private static final Comparator<Grant> BY_EXPIRY = Comparator
		.comparing(Grant::expirationDate, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(Grant::id);

	private final FeishuClient feishu;

	private final BalanceService balances;

	private final AsyncCache<GrantKey, List<Grant>> cache;

	private final GatewayProperties properties;

	private final Clock clock;

	@SuppressWarnings({ "unchecked", "rawtypes" })
	GrantService(FeishuClient feishu, BalanceService balances, CacheManager cacheManager, GatewayProperties properties,
			Clock clock) {
		this.feishu = feishu;
		this.balances = balances;
		this.cache = (AsyncCache) ((CaffeineCache) cacheManager.getCache(CacheProperties.EXPIRING_GRANTS))
			.getAsyncCache();
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The checked window of a request: by default from today (in its time zone) for
	 * {@code gateway.default-grant-window}.
	 */
	GrantWindow window(GrantParameters parameters) {
		return parameters.window(this.properties.defaultTimeZone(), this.properties.defaultGrantWindow(), this.clock);
	}

	/**
	 * One leave type's grants expiring in [from, to], from the cache or Feishu;
	 * concurrent requests for the same key share one Feishu call, made on the thread of
	 * the first.
	 */
	List<Grant> expiringGrants(String employeeId, String leaveTypeId, GrantWindow window) {
		ExpiringGrantsQuery query = new ExpiringGrantsQuery(window.idType(), employeeId, leaveTypeId, window.from(),
				window.to(), timeOffsetMinutes(window.zone(), window.from()));
		CompletableFuture<List<Grant>> mine = new CompletableFuture<>();
		CompletableFuture<List<Grant>> shared = this.cache.get(new GrantKey(query), (key, executor) -> mine);
		if (shared == mine) {
			try {
				mine.complete(this.feishu.expiringGrants(query).stream().sorted(BY_EXPIRY).toList());
			}
			catch (RuntimeException ex) {
				mine.completeExceptionally(ex);
			}
		}
		return Futures.join(shared);
	}

	/** Cache key; the query holds the employee, leave type, window and time offset. */
	record GrantKey(ExpiringGrantsQuery query) implements EmployeeScopedKey {

		@Override
		public String employeeId() {
			return this.query.employeeId();
		}

	}

	/**
	 * The employee's leave types come from their balances today; each type's grants are
	 * then asked for.
	 */
	EmployeeExpiringGrantsResponse allExpiringGrants(String employeeId, GrantWindow window,
			@Nullable String acceptLanguage) {
		BalanceQuery today = new BalanceQuery(window.idType(), window.today(), window.zone(), false);
		Employee employee = this.balances.employee(today, employeeId)
			.orElseThrow(ApiException::employeeNotFound)
			.localized(acceptLanguage);
		List<Grant> grants = new ArrayList<>();
		Map<String, LeaveTypeTotal> totals = new LinkedHashMap<>();
		for (Balance balance : employee.balances()) {
			for (Grant grant : expiringGrants(employeeId, balance.leaveTypeId(), window)) {
				grants.add(grant.localized(acceptLanguage));
				totals
					.computeIfAbsent(balance.leaveTypeId() + "/" + grant.unit(),
							(key) -> new LeaveTypeTotal(balance.leaveTypeId(), balance.leaveTypeName(), grant.unit()))
					.add(grant.remaining());
			}
		}
		grants.sort(BY_EXPIRY);
		return new EmployeeExpiringGrantsResponse(employeeId, window.from(), window.to(), grants,
				totals.values().stream().map(LeaveTypeTotal::toRemaining).toList());
	}

	/** Feishu's time_offset: minutes east of UTC, taken at the start of the window. */
	static int timeOffsetMinutes(ZoneId zone, LocalDate from) {
		return zone.getRules().getOffset(from.atStartOfDay(zone).toInstant()).getTotalSeconds() / 60;
	}

	private static final class LeaveTypeTotal {

		private final String leaveTypeId;

		private final @Nullable String leaveTypeName;

		private final LeaveUnit unit;

		private BigDecimal remaining = BigDecimal.ZERO;

		private int grants;

		LeaveTypeTotal(String leaveTypeId, @Nullable String leaveTypeName, LeaveUnit unit) {
			this.leaveTypeId = leaveTypeId;
			this.leaveTypeName = leaveTypeName;
			this.unit = unit;
		}

		void add(@Nullable BigDecimal quantity) {
			if (quantity != null) {
				this.remaining = this.remaining.add(quantity);
			}
			this.grants++;
		}

		EmployeeExpiringGrantsResponse.LeaveTypeRemaining toRemaining() {
			return new EmployeeExpiringGrantsResponse.LeaveTypeRemaining(this.leaveTypeId, this.leaveTypeName,
					this.unit, this.remaining, this.grants);
		}

	}

}
