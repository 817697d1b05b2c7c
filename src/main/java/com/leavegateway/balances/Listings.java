package com.leavegateway.balances;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import org.jspecify.annotations.Nullable;

import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.stereotype.Component;

import com.leavegateway.cache.CacheStatus;
import com.leavegateway.cache.CacheProperties;
import com.leavegateway.cache.RequestCacheControl;
import com.leavegateway.web.Futures;
import com.leavegateway.feishu.FeishuClient;
import com.leavegateway.feishu.FeishuErrorException;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.quota.Urgency;

/**
 * Pages of the listing of every employee, whole or a {@code limit} at a time, from the
 * query's {@link Roster} (kept in the {@code balance-rosters} cache) and the cached
 * employees: Feishu is asked for the roster's pages only as far as no earlier listing
 * read them, and for the employees the cache no longer holds by id, in batches
 * ({@link BalanceLoader}).
 */
@Component
class Listings {

	private final Cache<Object, Object> rosters;

	private final BalanceLoader loader;

	private final FeishuClient feishu;

	Listings(CacheManager cacheManager, BalanceLoader loader, FeishuClient feishu) {
		this.rosters = ((CaffeineCache) cacheManager.getCache(CacheProperties.ROSTERS)).getNativeCache();
		this.loader = loader;
		this.feishu = feishu;
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
		Roster roster = newRoster ? replaceRoster(query) : (Roster) this.rosters.get(query, (q) -> roster(query));
		Map<String, CachedEmployee> read = new ConcurrentHashMap<>();
		AtomicInteger reads = new AtomicInteger(maxReads);
		int end = end(from.offset(), limit);
		// Reading the roster on costs calls whose number is not known: at least the first
		// must fit the budget, or the request fails before any call.
		CompletableFuture<Void> admitted = roster.covers(end) ? CompletableFuture.completedFuture(null)
				: this.feishu.admitBalanceCalls(urgency, 1);
		return admitted.thenCompose((ok) -> cover(query, roster, end, urgency, read, reads)).thenCompose((ok) -> {
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

	private Roster replaceRoster(BalanceQuery query) {
		Roster roster = roster(query);
		this.rosters.put(query, roster);
		return roster;
	}

	private Roster roster(BalanceQuery query) {
		return new Roster(this.feishu.everyEmployee(query), (employees) -> this.loader.remember(query, employees),
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
