package com.leavegateway.feishu;

import java.util.function.Predicate;

/**
 * What counts against a circuit breaker: Feishu down, slow, broken or answering a 5xx
 * that is no deterministic error ({@link FeishuOutcome#isOutage()}). Answers that concern
 * one employee or the app (an unknown employee, 1160018, a refused token, a rate limit)
 * say Feishu is working and do not count. Named in application.yml.
 */
public class UpstreamFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		return failure instanceof FeishuException && FeishuOutcome.of(failure).isOutage();
	}

}
