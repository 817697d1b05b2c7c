package com.leavegateway.feishu;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns missing Feishu credentials into one clear start-up message that also says how to
 * start the sandbox.
 */
class MissingFeishuCredentialsFailureAnalyzer extends AbstractFailureAnalyzer<MissingFeishuCredentialsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingFeishuCredentialsException cause) {
		return new FailureAnalysis(
				"The Feishu app credentials are missing: feishu.app-id and feishu.app-secret "
						+ "must both be set to call Feishu.",
				"Set FEISHU_APP_ID and FEISHU_APP_SECRET (and FEISHU_BASE_URL for Lark or a stand-in), or try the "
						+ "gateway without a Feishu account on its built-in sandbox: "
						+ "./mvnw spring-boot:run -Dspring-boot.run.profiles=sandbox",
				cause);
	}

}
