package com.leavegateway.feishu;

import java.net.URI;

/**
 * Where Feishu is, asked at each call. Normally {@code feishu.base-url}; the sandbox
 * profile supplies a {@code @Primary} one that points at the simulator's own port, which
 * is only known once the server runs.
 */
@FunctionalInterface
public interface FeishuBaseUrl {

	/**
	 * The base URL, without a trailing slash; API paths such as {@code /open-apis/...}
	 * are appended to it.
	 */
	URI get();

}
