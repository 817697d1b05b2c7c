package com.leavegateway.balances;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.stereotype.Component;

import com.leavegateway.cache.CacheStatus;
import com.leavegateway.cache.CacheProperties;
import com.leavegateway.cache.Freshness;
import com.leavegateway.cache.RefreshMeters;
import com.leavegateway.cache.RequestCacheControl;
import com.leavegateway.web.Futures;
import com.leavegateway.feishu.FeishuClient;
import com.leavegateway.feishu.FeishuErrorException;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.quota.Priority;
import com.leavegateway.quota.Urgency;

/**
 * Pages of the listing of every employee, whole or a {@code limit} at a time, from the
 * query's {@link Roster} (kept in the {@code balance-rosters} cache) and the cached
 * employees: Feishu is asked for the roster's pages only as far as no earlier listing
 * read them, and for the employees the cache no longer holds by id, in batches
 * ({@link BalanceLoader}). A roster is judged like an entry ({@link Freshness}, with the
 * balances' ttl and max-stale): a stale one answers at once, its employees served by the
 * entries' own rules, while one background refresh reads the listing anew; when that
 * refresh fails the stale roster stays and answers until it is past max-stale. A roster
 * the caller will not take (no-cache on a whole listing, its max-age or max-stale) is
 * read from Feishu, and cached only once its first page came, so that Feishu's failure
 * answers that caller but leaves the roster there was to the others.
 */
@Component
class Listings {

	private final Cache<Object, Object> rosters;

	private final BalanceLoader loader;

	private final FeishuClient feishu;

	private final Clock clock;

	private final CacheProperties.Settings settings;

	private final CacheProperties.RefreshAhead refresh;

	private final RefreshMeters meters;

	/** The background refresh under way per query: the roster being read anew. */
	private final ConcurrentHashMap<BalanceQuery, Roster> refreshing = new ConcurrentHashMap<>();

	Listings(CacheManager cacheManager, BalanceLoader loader, FeishuClient feishu, Clock clock,
			CacheProperties properties, ObjectProvider<MeterRegistry> meters) {
		this.rosters = ((CaffeineCache) cacheManager.getCache(CacheProperties.ROSTERS)).getNativeCache();
		this.loader = loader;
		this.feishu = feishu;
		this.clock = clock;
		this.settings = properties.balances();
		this.refresh = properties.refreshAhead();
		this.meters = new RefreshMeters(meters.getIfAvailable(SimpleMeterRegistry::new), CacheProperties.ROSTERS);
		this.meters.running(this.refreshing);
	}

	/**
	 * At most {@code limit} employees from {@code from} on. {@code newRoster} reads the
	 * roster from Feishu again (a whole listing with Cache-Control: no-cache);
	 * {@code request} is what the caller takes from the cache for the page's employees
	 * that the roster did not just bring (no-cache: asks Feishu again).
	 */
	CompletableFuture<Page> page(BalanceQuery query, ListingCursor from, int limit, boolean newRoster,
			RequestCacheControl request, Urgency urgency) {
		return page(query, from, limit, newRoster, request, urgency, Integer.MAX_VALUE);
	}

	/**
	 * The same, reading at most one of Feishu's pages: the page may hold fewer than
	 * {@code limit} employees (an export writes them before it waits for the next).
	 */
	CompletableFuture<Page> nextChunk(BalanceQuery query, ListingCursor from, int limit, boolean newRoster,
			Urgency urgency) {
		return page(query, from, limit, newRoster, RequestCacheControl.NONE, urgency, 1);
	}

	private CompletableFuture<Page> page(BalanceQuery query, ListingCursor from, int limit, boolean newRoster,
			RequestCacheControl request, Urgency urgency, int maxReads) {
		Roster cached = newRoster ? null : current(query, request);
		Roster roster = (cached != null) ? cached : roster(query);
		Map<String, CachedEmployee> read = new ConcurrentHashMap<>();
		AtomicInteger reads = new AtomicInteger(maxReads);
		int end = end(from.offset(), limit);
		// Reading the roster on costs calls whose number is not known: at least the first
		// must fit the budget, or the request fails before any call.
		CompletableFuture<Void> admitted = roster.covers(end) ? CompletableFuture.completedFuture(null)
				: this.feishu.admitBalanceCalls(urgency, 1);
		return admitted.thenCompose((ok) -> cover(query, roster, end, urgency, read, reads)).thenCompose((ok) -> {
			if (cached == null) {
				// Its first page came: from now on it is the query's roster.
				this.rosters.put(query, roster);
			}
			int offset = roster.resume(from.offset(), from.after());
			return cover(query, roster, end(offset, limit), urgency, read, reads).thenApply((done) -> offset);
		}).thenCompose((offset) -> {
			List<String> ids = roster.ids(offset, end(offset, limit));
			List<String> missing = ids.stream().filter((id) -> !read.containsKey(id)).toList();
			CompletableFuture<BalanceLoader.Lookup> lookup = missing.isEmpty()
					? CompletableFuture.completedFuture(BalanceLoader.Lookup.EMPTY)
					: this.loader.load(query, missing, request, urgency);
			ListingCursor at = new ListingCursor(offset, from.after());
			return Futures.map(lookup, (found) -> page(roster, at, ids, limit, read, found));
		});
	}

	private static Page page(Roster roster, ListingCursor at, List<String> ids, int limit,
			Map<String, CachedEmployee> read, BalanceLoader.Lookup found) {
		List<CachedEmployee> employees = new ArrayList<>();
		List<String> notFound = new ArrayList<>();
		Map<String, FeishuErrorException> failed = new LinkedHashMap<>();
		for (String id : ids) {
			CachedEmployee employee = read.containsKey(id) ? read.get(id) : found.entries().get(id);
			FeishuErrorException failure = found.failed().get(id);
			if (employee != null) {
				employees.add(employee);
			}
			else if (failure != null) {
				failed.put(id, failure);
			}
			else {
				// Known to the roster, then unknown to Feishu when asked by id: gone.
				notFound.add(id);
			}
		}
		int end = at.offset() + ids.size();
		boolean more = limit != ListingParameters.ALL && (end < roster.size() || roster.hasMore());
		// Empty but not the end only when a chunk's one read brought nobody new.
		ListingCursor next = !more ? null : ids.isEmpty() ? at : new ListingCursor(end, ids.get(ids.size() - 1));
		return new Page(employees, notFound, failed, found.cached(), found.served(), ids.size(), !read.isEmpty(), next);
	}

	/**
	 * Reads the roster's pages until it holds {@code count} ids or everyone, or
	 * {@code reads} pages were read.
	 */
	private CompletableFuture<Void> cover(BalanceQuery query, Roster roster, int count, Urgency urgency,
			Map<String, CachedEmployee> read, AtomicInteger reads) {
		if (roster.covers(count) || reads.getAndDecrement() <= 0) {
			return CompletableFuture.completedFuture(null);
		}
		return roster.readNext(urgency).thenCompose((employees) -> {
			// The entries the roster just cached, so that their answers are made once.
			employees.forEach((employee) -> {
				CachedEmployee entry = this.loader.cached(query, employee.employeeId());
				read.put(employee.employeeId(), (entry != null) ? entry : CachedEmployee.of(employee));
			});
			return cover(query, roster, count, urgency, read, reads);
		});
	}

	/**
	 * The query's roster when the request takes it (no-cache aside: a page asks again by
	 * id only), one being read when there is none; null when a new one is to be read. A
	 * stale one is read anew in the background unless that runs or failed a moment ago.
	 */
	private @Nullable Roster current(BalanceQuery query, RequestCacheControl request) {
		Roster roster = (Roster) this.rosters.get(query, (q) -> roster(query));
		Freshness freshness = Freshness.of(roster.fetchedAt(), this.clock.instant(), this.settings,
				new RequestCacheControl(false, request.maxAge(), request.maxStale()));
		if (freshness.state() == Freshness.State.STALE) {
			if (!this.refreshing.containsKey(query)
					&& !roster.refreshFailedWithin(this.clock.millis(), this.refresh.retryAfterFailure().toMillis())) {
				refreshInBackground(query, roster);
			}
			this.meters.servedStale(this.refreshing.containsKey(query) || !roster.refreshFailed());
		}
		return freshness.usable() ? roster : null;
	}

	/**
	 * Reads the listing of {@code query} anew, every page, with background permits: no
	 * caller waits for it (the stale roster answers meanwhile), so it takes only spare
	 * quota, never a caller's. Its pages refresh the employees' entries as they come; the
	 * new roster replaces the stale one once whole, unless another replaced it meanwhile.
	 */
	private void refreshInBackground(BalanceQuery query, Roster stale) {
		Roster fresh = new Roster(this.clock.instant(), this.feishu.everyEmployee(query),
				(employees) -> this.loader.remember(query, employees), (failed) -> {
				});
		if (this.refreshing.putIfAbsent(query, fresh) != null) {
			return;
		}
		readAll(fresh, this.feishu.urgency(Priority.BACKGROUND)).whenComplete((done, failure) -> {
			this.refreshing.remove(query, fresh);
			if (failure == null) {
				this.rosters.asMap().replace(query, stale, fresh);
				this.meters.refreshed(RefreshMeters.Outcome.SUCCESS);
			}
			else {
				stale.refreshFailed(this.clock.millis());
				this.meters.refreshed(RefreshMeters.Outcome.FAILED);
			}
		});
	}

	private static CompletableFuture<Void> readAll(Roster roster, Urgency urgency) {
		if (!roster.hasMore()) {
			return CompletableFuture.completedFuture(null);
		}
		return roster.readNext(urgency).thenCompose((employees) -> readAll(roster, urgency));
	}

	private Roster roster(BalanceQuery query) {
		return new Roster(this.clock.instant(), this.feishu.everyEmployee(query),
				(employees) -> this.loader.remember(query, employees),
				(failed) -> this.rosters.asMap().remove(query, failed));
	}

	private static int end(int offset, int limit) {
		return (int) Math.min((long) offset + limit, Integer.MAX_VALUE);
	}

	/**
	 * One page of the listing.
	 *
	 * @param employees The employees found, in the listing's order.
	 * @param notFound Ids of the roster Feishu no longer knew when asked by id.
	 * @param failed Employees Feishu refused or failed on when asked by id.
	 * @param cached How many came from the cache.
	 * @param served How fresh those were.
	 * @param asked How many ids the page covers.
	 * @param readPages Whether Feishu's pages were read for it.
	 * @param next Where the next page starts; null on the last page.
	 */
	record Page(List<CachedEmployee> employees, List<String> notFound, Map<String, FeishuErrorException> failed,
			int cached, CacheStatus.Served served, int asked, boolean readPages, @Nullable ListingCursor next) {
	}

}
