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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.stereotype.Service;

import com.leavegateway.balances.BalanceService;
import com.leavegateway.cache.CacheProperties;
import com.leavegateway.cache.CacheStatus;
import com.leavegateway.cache.RefreshMeters;
import com.leavegateway.cache.RefreshesAhead;
import com.leavegateway.cache.RequestCacheControl;
import com.leavegateway.feishu.FeishuClient;
import com.leavegateway.grants.GrantParameters.GrantWindow;
import com.leavegateway.leave.Balance;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.leave.ExpiringGrantsQuery;
import com.leavegateway.leave.Grant;
import com.leavegateway.leave.LeaveUnit;
import com.leavegateway.problem.ApiException;
import com.leavegateway.quota.Priority;
import com.leavegateway.quota.Urgency;
import com.leavegateway.web.GatewayProperties;

/**
 * Grants that expire in a window, per leave type or across all of an employee's leave
 * types.
 */
@Service
class GrantService implements RefreshesAhead {

	/**
	 * Soonest expiry first; grants without a date last; the id keeps equal dates in a
	 * stable order.
	 */
	private static final Comparator<Grant> BY_EXPIRY = Comparator
		.comparing(Grant::expirationDate, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(Grant::id);

	private final FeishuClient feishu;

	private final BalanceService balances;

	private final GrantCache cache;

	private final GatewayProperties properties;

	private final Clock clock;

	@SuppressWarnings({ "unchecked", "rawtypes" })
	GrantService(FeishuClient feishu, BalanceService balances, CacheManager cacheManager, GatewayProperties properties,
			Clock clock, CacheProperties caches, ObjectProvider<MeterRegistry> meters) {
		this.feishu = feishu;
		this.balances = balances;
		this.cache = new GrantCache(
				(AsyncCache) ((CaffeineCache) cacheManager.getCache(CacheProperties.EXPIRING_GRANTS)).getAsyncCache(),
				feishu, clock, caches, BY_EXPIRY,
				new RefreshMeters(meters.getIfAvailable(SimpleMeterRegistry::new), CacheProperties.EXPIRING_GRANTS));
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
	 * One leave type's grants expiring in [from, to], from the cache ({@link GrantCache}:
	 * fresh, or stale within max-stale and what {@code request} takes) or Feishu;
	 * concurrent requests for the same key share one Feishu call. Interactive, with
	 * {@code urgency} (the request's). The future is the caller's own: cancelling it
	 * leaves the shared call alone.
	 */
	CompletableFuture<GrantCache.Answer> expiringGrants(String employeeId, String leaveTypeId, GrantWindow window,
			Urgency urgency, RequestCacheControl request) {
		ExpiringGrantsQuery query = new ExpiringGrantsQuery(window.idType(), employeeId, leaveTypeId, window.from(),
				window.to(), timeOffsetMinutes(window.zone(), window.from()));
		return this.cache.grants(query, urgency, request);
	}

	/**
	 * Refresh-ahead: refreshes, in the background, the read entries about to expire
	 * ({@link GrantCache#refreshAhead}).
	 */
	@Override
	public void refreshAhead() {
		this.cache.refreshAhead();
	}

	/** A request's urgency: grants are asked for by someone waiting. */
	Urgency urgency() {
		return this.feishu.urgency(Priority.INTERACTIVE);
	}

	/**
	 * The employee's leave types come from their balances today; each type's grants are
	 * then asked for, all at once once their calls are admitted within the request's
	 * budget.
	 */
	CompletableFuture<Cached<EmployeeExpiringGrantsResponse>> allExpiringGrants(String employeeId, GrantWindow window,
			@Nullable String acceptLanguage, RequestCacheControl request) {
		BalanceQuery today = new BalanceQuery(window.idType(), window.today(), window.zone(), false);
		Urgency urgency = urgency();
		return this.balances.employee(today, employeeId).thenCompose((found) -> {
			Employee employee = found.orElseThrow(ApiException::employeeNotFound).localized(acceptLanguage);
			List<Balance> types = employee.balances();
			CompletableFuture<Void> admitted = types.isEmpty() ? CompletableFuture.completedFuture(null)
					: this.feishu.admitGrantCalls(urgency, types.size());
			return admitted.thenCompose((ok) -> {
				List<CompletableFuture<GrantCache.Answer>> perType = types.stream()
					.map((balance) -> expiringGrants(employeeId, balance.leaveTypeId(), window, urgency, request))
					.toList();
				return CompletableFuture.allOf(perType.toArray(CompletableFuture[]::new))
					.thenApply((done) -> new Cached<>(merge(employeeId, window, types, perType, acceptLanguage),
							status(request, perType)));
			});
		});
	}

	/** The Cache-Status of the answers of one request. */
	static CacheStatus status(RequestCacheControl request, List<CompletableFuture<GrantCache.Answer>> answers) {
		int cached = 0;
		CacheStatus.Served served = CacheStatus.Served.NONE;
		for (CompletableFuture<GrantCache.Answer> answer : answers) {
			GrantCache.Answer one = answer.join();
			if (one.cached()) {
				cached++;
				served = served.and(one.served());
			}
		}
		return CacheStatus.of(request.noCache(), cached, answers.size(), served);
	}

	private static EmployeeExpiringGrantsResponse merge(String employeeId, GrantWindow window, List<Balance> types,
			List<CompletableFuture<GrantCache.Answer>> perType, @Nullable String acceptLanguage) {
		List<Grant> grants = new ArrayList<>();
		Map<String, LeaveTypeTotal> totals = new LinkedHashMap<>();
		for (int i = 0; i < types.size(); i++) {
			Balance balance = types.get(i);
			for (Grant grant : perType.get(i).join().grants()) {
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

	/**
	 * An answer and how much of it came from the cache.
	 *
	 * @param body The answer.
	 * @param status Its Cache-Status.
	 */
	record Cached<T>(T body, CacheStatus status) {
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
