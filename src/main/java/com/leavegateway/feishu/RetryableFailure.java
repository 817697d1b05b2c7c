package com.leavegateway.feishu;

import java.util.function.Predicate;

/**
 * What is worth another try: a broken connection or a 5xx. Not a time-out (a slow Feishu
 * gets slower with more calls), not a 4xx, not an open circuit. Named in application.yml.
 */
public class RetryableFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		if (failure instanceof FeishuErrorException error) {
			return error.httpStatus() >= 500;
		}
		if (failure instanceof FeishuBadResponseException bad) {
			return bad.httpStatus() >= 500;
		}
		return failure instanceof FeishuUnreachableException;
	}

}
