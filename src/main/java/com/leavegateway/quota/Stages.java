package com.leavegateway.quota;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Small helpers for the window's asynchronous answers. */
final class Stages {

	private Stages() {
	}

	/** Calls the window, turning a synchronous throw into a failed stage. */
	static <T> CompletableFuture<T> ask(Supplier<? extends CompletionStage<T>> call) {
		try {
			return call.get().toCompletableFuture();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** The failure inside the completion wrappers. */
	static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof CompletionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
