package com.leavegateway.feishu;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpMethod;

/**
 * The tenant access token: fetched once, cached for the {@code expire} seconds Feishu
 * gives, renewed {@code feishu.token-refresh-margin} before it runs out, by one caller at
 * a time however many need it.
 * <p>
 * While one caller renews a token that has not yet expired, the others go on with it
 * (Feishu keeps an old token valid until its own expiry). Only when there is no usable
 * token do they wait for the renewal. Renewing a token that is still valid is one call,
 * not retried; when it fails, the next attempt waits
 * {@code feishu.token-renewal-backoff}, so that a failing token endpoint costs one call
 * per back-off, not up to three per request.
 */
final class TenantTokenProvider {

	private static final Logger logger = LoggerFactory.getLogger(TenantTokenProvider.class);

	private final FeishuTransport transport;

	private final TokenRequest credentials;

	private final Duration refreshMargin;

	private final Duration renewalBackoff;

	private final Clock clock;

	/** No renewal of a still valid token before this, after a failed one. */
	private volatile Instant nextRenewal = Instant.MIN;

	private final ReentrantLock renewal = new ReentrantLock();

	private final AtomicReference<@Nullable CachedToken> current = new AtomicReference<>();

	TenantTokenProvider(FeishuTransport transport, String appId, String appSecret, Duration refreshMargin,
			Duration renewalBackoff, Clock clock) {
		this.transport = transport;
		this.credentials = new TokenRequest(appId, appSecret);
		this.refreshMargin = refreshMargin;
		this.renewalBackoff = renewalBackoff;
		this.clock = clock;
	}

	/** A token to call Feishu with now. */
	String token() {
		CachedToken cached = this.current.get();
		Instant now = this.clock.instant();
		if (cached != null && now.isBefore(cached.renewAt())) {
			return cached.value();
		}
		if (cached != null && now.isBefore(cached.expiresAt())) {
			if (now.isBefore(this.nextRenewal) || !this.renewal.tryLock()) {
				return cached.value();
			}
		}
		else {
			this.renewal.lock();
		}
		try {
			CachedToken latest = this.current.get();
			if (latest != null && this.clock.instant().isBefore(latest.renewAt())) {
				return latest.value();
			}
			boolean stillValid = latest != null && this.clock.instant().isBefore(latest.expiresAt());
			try {
				CachedToken fresh = fetch(!stillValid);
				this.current.set(fresh);
				return fresh.value();
			}
			catch (RuntimeException ex) {
				if (stillValid && this.clock.instant().isBefore(latest.expiresAt())) {
					this.nextRenewal = this.clock.instant().plus(this.renewalBackoff);
					logger.warn("Renewing the Feishu tenant token failed ({}); the current one is still valid, "
							+ "next attempt in {} s", ex.getMessage(), this.renewalBackoff.toSeconds());
					return latest.value();
				}
				throw ex;
			}
		}
		finally {
			this.renewal.unlock();
		}
	}

	/**
	 * Forgets {@code staleToken} after Feishu refused it, unless a newer one has replaced
	 * it already: a burst of refused calls costs one renewal, not one each.
	 */
	void invalidate(String staleToken) {
		this.current.updateAndGet((cached) -> (cached != null && cached.value().equals(staleToken)) ? null : cached);
	}

	/** {@code retried}: whether the transport may try again after an outage. */
	private CachedToken fetch(boolean retried) {
		TenantTokenResponse response = this.transport
			.send(FeishuApi.TOKEN, HttpMethod.POST, FeishuApi.TOKEN.path(), this.credentials, null, retried)
			.body(TenantTokenResponse.class);
		String token = response.tenantAccessToken();
		Long expire = response.expire();
		if (token == null || token.isBlank() || expire == null || expire <= 0) {
			throw new FeishuBadResponseException(FeishuApi.TOKEN, 200, "no token or expiry in the answer");
		}
		Instant now = this.clock.instant();
		Duration lifetime = Duration.ofSeconds(expire);
		// A short-lived token (less than twice the margin left) is renewed half-way
		// instead.
		Duration renewAfter = (lifetime.compareTo(this.refreshMargin.multipliedBy(2)) > 0)
				? lifetime.minus(this.refreshMargin) : lifetime.dividedBy(2);
		logger.info("Fetched a Feishu tenant access token valid for {} s", expire);
		return new CachedToken(token, now.plus(renewAfter), now.plus(lifetime));
	}

	private record CachedToken(String value, Instant renewAt, Instant expiresAt) {

		@Override
		public String toString() {
			return "CachedToken[renewAt=" + this.renewAt + ", expiresAt=" + this.expiresAt + "]";
		}

	}

}
