package com.leavegateway.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Waiting for a shared fetch (an in-flight cache entry) as if the call had been made on
 * this thread.
 */
public final class Futures {

	private Futures() {
	}

	/**
	 * The future's value, or the very exception its fetch failed with, so that it maps to
	 * the right problem.
	 */
	public static <T> T join(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * {@code source} mapped by {@code mapping}; cancelling the result cancels
	 * {@code source} too (a {@code thenApply} alone would not), so that a caller who
	 * gives up reaches the wait it caused.
	 */
	public static <T, R> CompletableFuture<R> map(CompletableFuture<T> source,
			Function<? super T, ? extends R> mapping) {
		CompletableFuture<R> mapped = source.thenApply(mapping);
		mapped.whenComplete((value, failure) -> {
			if (mapped.isCancelled()) {
				source.cancel(false);
			}
		});
		return mapped;
	}

	/** The cause of a failed stage, out of its completion wrappers. */
	public static Throwable cause(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
