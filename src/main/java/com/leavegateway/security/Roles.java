package com.leavegateway.security;

/**
 * The two rights: read balances and grants; and administer (evict caches, read the
 * actuator).
 */
final class Roles {

	static final String READER = "ROLE_READER";

	static final String ADMIN = "ROLE_ADMIN";

	/** The same rights for JWT callers, from their scope claim. */
	static final String SCOPE_READ = "SCOPE_leave.read";

	static final String SCOPE_ADMIN = "SCOPE_leave.admin";

	private Roles() {
	}

}
