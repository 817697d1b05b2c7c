package com.leavegateway.balances;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import com.leavegateway.cache.RefreshableEntry;
import com.leavegateway.web.Futures;
import com.leavegateway.feishu.EmployeeListing;
import com.leavegateway.feishu.FeishuBadResponseException;
import com.leavegateway.feishu.FeishuErrorException;
import com.leavegateway.leave.Employee;
import com.leavegateway.quota.Urgency;

/**
 * Who the listing of every employee holds for one query, in Feishu's order: the ids of
 * the pages read so far and the listing to read the next one from. Fresh for the
 * balances' ttl after its listing started, so that a repeat listing, or the next page of
 * a paged one, needs Feishu only for the employees the cache has lost; then kept, like
 * the entries, for the balances' max-stale, answering while it is read anew in the
 * background or when Feishu fails ({@link Listings}). Safe for concurrent use: callers
 * that need the same next page share its one call.
 */
final class Roster extends RefreshableEntry {

	private final Instant fetchedAt;

	private final EmployeeListing listing;

	/** Hands each page's employees to the cache as soon as they are read. */
	private final Consumer<List<Employee>> onPage;

	private final Consumer<Roster> onFailure;

	private final List<String> ids = new ArrayList<>();

	private @Nullable CompletableFuture<List<Employee>> reading;

	/**
	 * @param fetchedAt When its listing starts, on the application's clock.
	 * @param onFailure called when Feishu answered a page with an error or with something
	 * unusable (such as paging that does not end): the roster is then dropped, as
	 * Feishu's paging is not to be trusted after it, and a new listing starts from the
	 * first page. A page that got no answer (quota used up, circuit open, time-out) is
	 * read again by the next listing, after the pages already known.
	 */
	Roster(Instant fetchedAt, EmployeeListing listing, Consumer<List<Employee>> onPage, Consumer<Roster> onFailure) {
		this.fetchedAt = fetchedAt;
		this.listing = listing;
		this.onPage = onPage;
		this.onFailure = onFailure;
	}

	/** When its listing started. */
	@Override
	public Instant fetchedAt() {
		return this.fetchedAt;
	}

	/** Ids known so far. */
	synchronized int size() {
		return this.ids.size();
	}

	/** Whether the roster holds the first {@code count} ids or everyone there is. */
	synchronized boolean covers(int count) {
		return this.ids.size() >= count || !this.listing.hasMore();
	}

	/** Whether Feishu has more than the ids known so far. */
	boolean hasMore() {
		return this.listing.hasMore();
	}

	/** The known ids from {@code from} (inclusive) to {@code to} (exclusive), clipped. */
	synchronized List<String> ids(int from, int to) {
		int end = Math.min(to, this.ids.size());
		return (from >= end) ? List.of() : List.copyOf(this.ids.subList(from, end));
	}

	/**
	 * Where a page that follows {@code after} starts: {@code offset} while the id before
	 * it is still {@code after}; just after {@code after} when the roster was read anew
	 * and the employee moved; {@code offset} when it is gone.
	 */
	synchronized int resume(int offset, @Nullable String after) {
		if (after == null || (offset > 0 && offset <= this.ids.size() && after.equals(this.ids.get(offset - 1)))) {
			return offset;
		}
		int index = this.ids.indexOf(after);
		return (index >= 0) ? index + 1 : offset;
	}

	/**
	 * Reads Feishu's next page unless it is being read already (then shares that call);
	 * completes with its employees once their ids are in the roster.
	 */
	synchronized CompletableFuture<List<Employee>> readNext(Urgency urgency) {
		if (this.reading != null) {
			return this.reading;
		}
		CompletableFuture<List<Employee>> page = this.listing.next(urgency, this.onPage);
		CompletableFuture<List<Employee>> read = page.whenComplete((employees, failure) -> {
			synchronized (this) {
				this.reading = null;
				if (failure == null) {
					employees.forEach((employee) -> this.ids.add(employee.employeeId()));
				}
			}
			Throwable cause = (failure != null) ? Futures.cause(failure) : null;
			if (cause instanceof FeishuErrorException || cause instanceof FeishuBadResponseException) {
				this.onFailure.accept(this);
			}
		});
		// A page answered at once has run its completion above already.
		if (!read.isDone()) {
			this.reading = read;
		}
		return read;
	}

}
