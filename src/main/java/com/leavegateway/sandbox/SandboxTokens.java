package com.leavegateway.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The simulator's tenant access tokens, with Feishu's rules: a token lives
 * {@code sandbox.token-ttl}; asked again while more than the renewal margin is left, the
 * same token comes back with the seconds it has left; otherwise a new one is issued, and
 * older tokens stay valid until their own expiry.
 * <p>
 * Fault scenarios can {@linkplain #revokeAll() revoke} every token (calls then answer
 * 99991663) or {@linkplain #expireAll() expire} them (99991677); either way the next
 * token request issues a new one.
 */
public final class SandboxTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Clock clock;

	private final Duration ttl;

	private final Duration renewBefore;

	/**
	 * Every token issued and not revoked, oldest first, with its expiry; expired ones
	 * stay to say so.
	 */
	private final Map<String, Instant> issued = new LinkedHashMap<>();

	private @Nullable String current;

	SandboxTokens(Clock clock, Duration ttl, Duration renewBefore) {
		this.clock = clock;
		this.ttl = ttl;
		this.renewBefore = renewBefore;
	}

	/**
	 * Forgets every token issued so far: calls with them fail with 99991663 "Invalid
	 * access token".
	 */
	public synchronized void revokeAll() {
		this.issued.clear();
		this.current = null;
	}

	/**
	 * Expires every token issued so far: calls with them fail with 99991677 "token
	 * expired".
	 */
	public synchronized void expireAll() {
		Instant now = this.clock.instant();
		this.issued.replaceAll((token, expiry) -> expiry.isAfter(now) ? now : expiry);
		this.current = null;
	}

	/**
	 * The token to hand out now: the current one while enough of it is left, else a new
	 * one.
	 */
	synchronized Issued issue() {
		Instant now = this.clock.instant();
		Instant expiry = (this.current != null) ? this.issued.get(this.current) : null;
		if (this.current == null || expiry == null || !expiry.minus(this.renewBefore).isAfter(now)) {
			this.current = "t-" + HexFormat.of().formatHex(randomBytes());
			expiry = now.plus(this.ttl);
			this.issued.put(this.current, expiry);
			forgetLongExpired(now);
		}
		// Whole seconds left, rounded down so that a client caching for "expire" never
		// outlives the token.
		return new Issued(this.current, Duration.between(now, expiry).getSeconds());
	}

	/** What a bearer token is worth now. */
	synchronized Check check(String token) {
		Instant expiry = this.issued.get(token);
		if (expiry == null) {
			return Check.UNKNOWN;
		}
		return expiry.isAfter(this.clock.instant()) ? Check.VALID : Check.EXPIRED;
	}

	/**
	 * Keeps the map small over long runs: a token expired for a whole ttl is no longer
	 * told apart.
	 */
	private void forgetLongExpired(Instant now) {
		Instant horizon = now.minus(this.ttl);
		this.issued.values().removeIf((expiry) -> expiry.isBefore(horizon));
	}

	private static byte[] randomBytes() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/** A token handed out and the whole seconds it has left. */
	record Issued(String token, long expiresIn) {
	}

	/** The state of a presented token. */
	enum Check {

		VALID, UNKNOWN, EXPIRED

	}

}
