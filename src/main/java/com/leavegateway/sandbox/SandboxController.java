package com.leavegateway.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.leavegateway.sandbox.SandboxLeaveBalances.Page;
import com.leavegateway.sandbox.SandboxExpireRecords.Records;
import com.leavegateway.sandbox.SandboxReplies.ErrorInfo;
import com.leavegateway.sandbox.SandboxReplies.ErrorReply;
import com.leavegateway.sandbox.SandboxReplies.Reply;
import com.leavegateway.sandbox.SandboxReplies.TokenReply;

/**
 * The three simulated Feishu calls, under {@code /sandbox/feishu}. Each data call goes
 * through Feishu's gate in Feishu's order as far as it is known: token, then rate limit,
 * then parameters.
 */
@RestController
@Profile("sandbox")
@RequestMapping(SandboxController.PREFIX + "/open-apis")
class SandboxController {

	/** Where the simulator is served; the gateway's base URL in this profile. */
	static final String PREFIX = "/sandbox/feishu";

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final DateTimeFormatter LOG_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

	private final SandboxProperties properties;

	private final SandboxTokens tokens;

	private final SandboxRateLimits rateLimits;

	private final SandboxLeaveBalances leaveBalances;

	private final SandboxExpireRecords expireRecords;

	private final SandboxFaults faults;

	SandboxController(SandboxProperties properties, SandboxTokens tokens, SandboxRateLimits rateLimits,
			SandboxLeaveBalances leaveBalances, SandboxExpireRecords expireRecords, SandboxFaults faults) {
		this.properties = properties;
		this.tokens = tokens;
		this.rateLimits = rateLimits;
		this.leaveBalances = leaveBalances;
		this.expireRecords = expireRecords;
		this.faults = faults;
	}

	@PostMapping("/auth/v3/tenant_access_token/internal")
	TokenReply tenantAccessToken(@RequestBody(required = false) byte @Nullable [] body) {
		simulateLatency(this.properties.latency());
		JsonNode request = tokenRequest(body);
		if (!matches(request.path("app_id"), this.properties.appId())
				|| !matches(request.path("app_secret"), this.properties.appSecret())) {
			throw new SandboxError(HttpStatus.BAD_REQUEST, 10014, "app secret invalid");
		}
		SandboxTokens.Issued issued = this.tokens.issue();
		return new TokenReply(0, "ok", issued.token(), issued.expiresIn());
	}

	@GetMapping("/corehr/v1/leaves/leave_balances")
	Reply<Page> leaveBalances(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestParam MultiValueMap<String, String> query) {
		admit(authorization, this.rateLimits.leaveBalances());
		return Reply.success(this.leaveBalances.page(query));
	}

	@GetMapping("/attendance/v1/leave_employ_expire_records/{leave_id}")
	Reply<Records> leaveExpireRecords(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType,
			@PathVariable("leave_id") String leaveId,
			@RequestParam(name = "user_id_type", required = false) @Nullable String userIdType,
			@RequestBody(required = false) byte @Nullable [] body) {
		admit(authorization, this.rateLimits.leaveExpireRecords());
		return Reply.success(this.expireRecords.records(leaveId, userIdType, contentType, body));
	}

	/**
	 * Local, so that it wins over whatever advice the rest of the application declares.
	 */
	@ExceptionHandler(SandboxError.class)
	ResponseEntity<ErrorReply> onSandboxError(SandboxError error) {
		return ResponseEntity.status(error.status())
			.headers(error.headers())
			.contentType(MediaType.APPLICATION_JSON)
			.body(new ErrorReply(error.code(), error.getMessage(), new ErrorInfo(logId(), error.violations())));
	}

	/** A SERVER_ERRORS fault: a bare status, no Feishu JSON. */
	@ExceptionHandler(SandboxOutage.class)
	ResponseEntity<String> onSandboxOutage(SandboxOutage outage) {
		return ResponseEntity.status(outage.status()).contentType(MediaType.TEXT_PLAIN).body(outage.getMessage());
	}

	/**
	 * A failing front end (a SERVER_ERRORS fault) answers first. Then checks the bearer
	 * token, then counts the call against the API's quota (a RATE_LIMITED fault answers
	 * there too); rejected calls are not counted.
	 */
	private void admit(@Nullable String authorization, SlidingWindow quota) {
		this.faults.failIfServerErrors();
		String token = bearerToken(authorization);
		if (token == null) {
			throw new SandboxError(HttpStatus.BAD_REQUEST, 99991661,
					"Missing access token for authorization. Please make a request with token attached.");
		}
		switch (this.tokens.check(token)) {
			case UNKNOWN -> throw new SandboxError(HttpStatus.BAD_REQUEST, 99991663,
					"Invalid access token for authorization. Please make a request with token attached.");
			case EXPIRED -> throw new SandboxError(HttpStatus.BAD_REQUEST, 99991677, "token expired");
			case VALID -> {
			}
		}
		this.faults.failIfRateLimited(quota.limit());
		OptionalLong reset = quota.tryAcquire();
		if (reset.isPresent()) {
			throw SandboxError.rateLimited(quota.limit(), reset.getAsLong());
		}
		simulateLatency(this.properties.latency().plus(this.faults.addedLatency()));
	}

	private static @Nullable String bearerToken(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String token = authorization.substring(7).trim();
		return token.isEmpty() ? null : token;
	}

	private static JsonNode tokenRequest(byte @Nullable [] body) {
		if (body != null && body.length > 0) {
			try {
				JsonNode node = JSON.readTree(body);
				if (node.isObject() && node.path("app_id").isString() && node.path("app_secret").isString()) {
					return node;
				}
			}
			catch (JacksonException ex) {
				// Falls through.
			}
		}
		// Feishu's code for a token request without app_id or app_secret (not in the
		// facts file: less certain).
		throw new SandboxError(HttpStatus.BAD_REQUEST, 10003, "invalid param");
	}

	/**
	 * Compares in constant time, out of habit: credentials are compared so even when they
	 * are fake.
	 */
	private static boolean matches(JsonNode given, String expected) {
		return MessageDigest.isEqual(given.stringValue().getBytes(StandardCharsets.UTF_8),
				expected.getBytes(StandardCharsets.UTF_8));
	}

	private static void simulateLatency(Duration latency) {
		if (latency.isZero()) {
			return;
		}
		try {
			Thread.sleep(latency.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Something shaped like Feishu's log ids, so that logs of the gateway that quote them
	 * look familiar.
	 */
	private static String logId() {
		byte[] random = new byte[9];
		ThreadLocalRandom.current().nextBytes(random);
		return LocalDateTime.now().format(LOG_ID_TIME) + HexFormat.of().withUpperCase().formatHex(random);
	}

}
