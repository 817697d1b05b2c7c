package com.leavegateway.feishu;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.quota.Urgency;

/**
 * The listing of every employee of one query, read one page at a time whenever its holder
 * wants the next: Feishu's page token never leaves it, so nothing a caller of the gateway
 * sends becomes a token. Each employee is handed over once, whatever page Feishu repeats
 * it on. One page at a time: ask for the next only after the last one completed.
 */
public final class EmployeeListing {

	private final BalanceQuery query;

	private final PageCall call;

	private final Set<String> delivered = ConcurrentHashMap.newKeySet();

	private final Set<String> pageTokens = ConcurrentHashMap.newKeySet();

	private @Nullable String pageToken;

	private boolean more = true;

	EmployeeListing(BalanceQuery query, PageCall call) {
		this.query = query;
		this.call = call;
	}

	public BalanceQuery query() {
		return this.query;
	}

	/** False once Feishu's last page was read. */
	public synchronized boolean hasMore() {
		return this.more;
	}

	/**
	 * Reads the next page with a permit of {@code urgency}; its employees (those not on
	 * an earlier page) go to {@code onPage} as soon as they are read, even when the page
	 * then turns out to be the end of a broken paging (its employees are whole), and are
	 * the future's value. A failed page can be asked for again.
	 */
	public CompletableFuture<List<Employee>> next(Urgency urgency, Consumer<List<Employee>> onPage) {
		String token;
		synchronized (this) {
			if (!this.more) {
				return CompletableFuture.completedFuture(List.of());
			}
			token = this.pageToken;
		}
		CompletableFuture<List<Employee>> read = new CompletableFuture<>();
		AtomicReference<List<Employee>> employees = new AtomicReference<>(List.of());
		this.call.page(token, urgency, this.delivered, this.pageTokens, (page) -> {
			employees.set(page);
			onPage.accept(page);
		}).whenComplete((next, failure) -> {
			if (failure != null) {
				read.completeExceptionally(FeishuTransport.unwrap(failure));
				return;
			}
			synchronized (this) {
				this.pageToken = next;
				this.more = (next != null);
			}
			read.complete(employees.get());
		});
		return read;
	}

	/** One leave_balances call of the listing of every employee. */
	@FunctionalInterface
	interface PageCall {

		CompletableFuture<@Nullable String> page(@Nullable String pageToken, Urgency urgency, Set<String> delivered,
				Set<String> pageTokens, Consumer<List<Employee>> onPage);

	}

}
