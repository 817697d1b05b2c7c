package com.leavegateway.balances;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import com.leavegateway.cache.CacheStatus;
import com.leavegateway.web.Futures;
import com.leavegateway.feishu.FeishuErrorException;

/**
 * A request's {@link BalanceLoader.Lookup} once every one of its employees' futures has
 * settled: an employee Feishu refused or failed on goes to {@code failed}, any other
 * failure fails the whole lookup.
 */
final class SettledLookup {

	private SettledLookup() {
	}

	static void complete(Map<String, CompletableFuture<CachedEmployee>> futures, int cached, CacheStatus.Served served,
			CompletableFuture<BalanceLoader.Lookup> result) {
		CompletableFuture<?>[] settled = futures.values()
			.stream()
			.map((future) -> future.handle((employee, failure) -> null))
			.toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(settled).whenComplete((done, ignored) -> {
			Map<String, @Nullable CachedEmployee> employees = new LinkedHashMap<>();
			Map<String, FeishuErrorException> failed = new LinkedHashMap<>();
			for (Map.Entry<String, CompletableFuture<CachedEmployee>> entry : futures.entrySet()) {
				try {
					employees.put(entry.getKey(), entry.getValue().join());
				}
				catch (RuntimeException ex) {
					// Only an employee isolated by the client fails with a per-employee
					// answer; a whole batch fails with anything else.
					Throwable cause = Futures.cause(ex);
					if (!(cause instanceof FeishuErrorException error) || !error.outcome().isPerEmployee()) {
						result.completeExceptionally(cause);
						return;
					}
					failed.put(entry.getKey(), error);
				}
			}
			result.complete(new BalanceLoader.Lookup(employees, failed, cached, served));
		});
	}

}
