package com.leavegateway.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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

}
