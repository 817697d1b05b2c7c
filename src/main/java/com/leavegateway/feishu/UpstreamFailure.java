package com.leavegateway.feishu;

import java.util.function.Predicate;

/**
 * What counts against a circuit breaker: Feishu down, slow, broken or answering 5xx.
 * Business answers (an unknown employee, a refused token, a rate limit) say Feishu is
 * working and do not count. Named in application.yml.
 */
public class UpstreamFailure implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		if (failure instanceof FeishuErrorException error) {
			return error.httpStatus() >= 500;
		}
		return failure instanceof FeishuTimeoutException || failure instanceof FeishuUnreachableException
				|| failure instanceof FeishuBadResponseException;
	}

}
