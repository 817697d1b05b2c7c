package com.leavegateway.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * How a controller answers what may wait for Feishu's quota without holding a servlet
 * thread. A handler declared to return {@code Object} may return either a plain value or
 * a {@link DeferredResult}: Spring MVC picks the return value handler by the runtime
 * value.
 */
public final class AsyncAnswers {

	private AsyncAnswers() {
	}

	/**
	 * The answer itself when {@code answer} is complete already (a cache hit, answered on
	 * this thread; a failure is thrown as it is, for the problem-details advice), else a
	 * {@link DeferredResult} that Spring MVC writes when the answer comes. The servlet's
	 * async time-out and an async error (the client gone) cancel {@code answer}, which
	 * gives up the request's place in the quota's queue.
	 */
	public static Object of(CompletableFuture<?> answer) {
		if (answer.isDone()) {
			try {
				return answer.join();
			}
			catch (CompletionException ex) {
				throw (Futures.cause(ex) instanceof RuntimeException cause) ? cause : ex;
			}
		}
		DeferredResult<Object> result = new DeferredResult<>();
		result.onTimeout(() -> {
			// Answered as Spring MVC answers a time-out (503), then the wait is given up.
			result.setErrorResult(new AsyncRequestTimeoutException());
			answer.cancel(false);
		});
		result.onError((failure) -> answer.cancel(false));
		answer.whenComplete((value, failure) -> {
			if (failure != null) {
				result.setErrorResult(Futures.cause(failure));
			}
			else {
				result.setResult(value);
			}
		});
		return result;
	}

}
