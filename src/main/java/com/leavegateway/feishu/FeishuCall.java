package com.leavegateway.feishu;

import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

import com.leavegateway.feishu.FeishuTransport.Answer;
import com.leavegateway.quota.Permit;
import com.leavegateway.quota.Urgency;

/**
 * One call as its caller asked for it, carried through its attempts: what to send, the
 * caller's urgency, whether a failed attempt is tried again, the chain a cancellation
 * travels down, and the permit the caller brought for the first attempt until an attempt
 * uses it.
 */
record FeishuCall(FeishuApi api, HttpMethod method, String pathAndQuery, @Nullable Object body,
		@Nullable String bearerToken, Urgency urgency, boolean retried, Relay<Answer> relay,
		AtomicReference<@Nullable Permit> unused) {
}
