package com.leavegateway.feishu;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpMethod;

import com.leavegateway.quota.Urgency;

/**
 * The tenant access token: fetched once, cached for the {@code expire} seconds Feishu
 * gives, renewed {@code feishu.token-refresh-margin} before it runs out, by one caller at
 * a time however many need it.
 * <p>
 * While one renewal of a token that has not yet expired is under way, callers go on with
 * the old token (Feishu keeps it valid until its own expiry). Only when there is no
 * usable token do they wait for the renewal, without a thread: the token is a future.
 * Renewing a token that is still valid is one call, not retried; when it fails, the next
 * attempt waits {@code feishu.token-renewal-backoff}, so that a failing token endpoint
 * costs one call per back-off, not up to three per request.
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

	/** The renewal under way, if any. */
	private final AtomicReference<@Nullable CompletableFuture<CachedToken>> renewal = new AtomicReference<>();

	private final AtomicReference<@Nullable CachedToken> current = new AtomicReference<>();

	TenantTokenProvider(FeishuTransport transport, String appId, String appSecret, Duration refreshMargin,
			Duration renewalBackoff, Clock clock) {
		this.transport = transport;
		this.credentials = new TokenRequest(appId, appSecret);
		this.refreshMargin = refreshMargin;
		this.renewalBackoff = renewalBackoff;
		this.clock = clock;
	}

	/**
	 * A token to call Feishu with now: the cached one; when it is due for renewal, the
	 * renewal this caller starts (with its urgency), or the old token while another
	 * caller's renewal is under way; with no usable token, the one renewal all callers
	 * share. A renewal is never cancelled by a caller who gives up: the others still need
	 * it.
	 */
	CompletableFuture<String> token(Urgency urgency) {
		CachedToken cached = this.current.get();
		Instant now = this.clock.instant();
		if (cached != null && now.isBefore(cached.renewAt())) {
			return CompletableFuture.completedFuture(cached.value());
		}
		CompletableFuture<CachedToken> running = this.renewal.get();
		if (cached != null && now.isBefore(cached.expiresAt()) && (running != null || now.isBefore(this.nextRenewal))) {
			// Another caller renews, or the last renewal failed not long ago; Feishu
			// keeps
			// the old token valid until its own expiry.
			return CompletableFuture.completedFuture(cached.value());
		}
		if (running != null) {
			// Joined another caller's renewal: if that one fails, this caller tries once
			// itself rather than inherit a failure it may not share.
			return running.thenApply(CachedToken::value)
				.exceptionallyCompose((failure) -> renewal(urgency).thenApply(CachedToken::value));
		}
		return renewal(urgency).thenApply(CachedToken::value);
	}

	/**
	 * That a token is at hand: the cached one while it is still valid (a renewal merely
	 * due is left to the call that follows), else {@link #token}.
	 */
	CompletableFuture<String> ready(Urgency urgency) {
		CachedToken cached = this.current.get();
		if (cached != null && this.clock.instant().isBefore(cached.expiresAt())) {
			return CompletableFuture.completedFuture(cached.value());
		}
		return token(urgency);
	}

	private CompletableFuture<CachedToken> renewal(Urgency urgency) {
		CompletableFuture<CachedToken> running = this.renewal.get();
		if (running != null) {
			return running;
		}
		CompletableFuture<CachedToken> mine = new CompletableFuture<>();
		if (!this.renewal.compareAndSet(null, mine)) {
			CompletableFuture<CachedToken> other = this.renewal.get();
			return (other != null) ? other : renewal(urgency);
		}
		CachedToken latest = this.current.get();
		if (latest != null && this.clock.instant().isBefore(latest.renewAt())) {
			// Renewed meanwhile by the renewal that just ended.
			this.renewal.set(null);
			mine.complete(latest);
			return mine;
		}
		boolean stillValid = latest != null && this.clock.instant().isBefore(latest.expiresAt());
		fetch(urgency, !stillValid).whenComplete((fresh, failure) -> {
			if (failure == null) {
				this.current.set(fresh);
				this.renewal.set(null);
				mine.complete(fresh);
				return;
			}
			this.renewal.set(null);
			Throwable cause = FeishuTransport.unwrap(failure);
			if (stillValid && latest != null && this.clock.instant().isBefore(latest.expiresAt())) {
				this.nextRenewal = this.clock.instant().plus(this.renewalBackoff);
				logger.warn("Renewing the Feishu tenant token failed ({}); the current one is still valid, "
						+ "next attempt in {} s", cause.getMessage(), this.renewalBackoff.toSeconds());
				mine.complete(latest);
				return;
			}
			mine.completeExceptionally(cause);
		});
		return mine;
	}

	/**
	 * Forgets {@code staleToken} after Feishu refused it, unless a newer one has replaced
	 * it already: a burst of refused calls costs one renewal, not one each.
	 */
	void invalidate(String staleToken) {
		this.current.updateAndGet((cached) -> (cached != null && cached.value().equals(staleToken)) ? null : cached);
	}

	/** {@code retried}: whether the transport may try again after an outage. */
	private CompletableFuture<CachedToken> fetch(Urgency urgency, boolean retried) {
		return this.transport
			.send(FeishuApi.TOKEN, HttpMethod.POST, FeishuApi.TOKEN.path(), this.credentials, null, urgency, null,
					retried)
			.thenApply((answer) -> cached(answer.body(TenantTokenResponse.class)));
	}

	private CachedToken cached(TenantTokenResponse response) {
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
