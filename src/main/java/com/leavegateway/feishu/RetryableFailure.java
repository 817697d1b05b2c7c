package com.leavegateway.feishu;

import java.util.function.Predicate;

/**
 * What is worth another try: an outage ({@link FeishuOutcome#TRANSIENT}: a 5xx without a
 * deterministic code, a broken connection, a time-out). Never a deterministic error, a
 * refusal, an unreadable answer or an open circuit. Named in application.yml.
 */
public class RetryableFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		return failure instanceof FeishuException && FeishuOutcome.of(failure).isRetried();
	}

}
