package com.leavegateway.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls the simulator over real HTTP as the gateway would, with the JDK client. */
final class SandboxHttp {

	/** The simulated leave_balances, under the simulator's base URL. */
	static final String BALANCES = "/open-apis/corehr/v1/leaves/leave_balances";

	/** The simulated expire records, to be followed by a leave type id. */
	static final String RECORDS = "/open-apis/attendance/v1/leave_employ_expire_records/";

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI base;

	SandboxHttp(URI base) {
		this.base = base;
	}

	Answer post(String path, String json) {
		return send(HttpRequest.newBuilder(uri(path, List.of()))
			.header("Content-Type", "application/json; charset=utf-8")
			.POST(BodyPublishers.ofString(json)));
	}

	/**
	 * A GET with query parameters, repeated names allowed: each entry is {name, value}.
	 */
	Answer get(String path, String token, List<Map.Entry<String, String>> query) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, query)).GET();
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request);
	}

	/** Feishu's GET with a JSON body. */
	Answer getWithBody(String path, String token, List<Map.Entry<String, String>> query, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, query))
			.header("Content-Type", "application/json; charset=utf-8")
			.method("GET", BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request);
	}

	/**
	 * Any method, with {@code apiKey} in X-API-Key (none when null) and a JSON body (none
	 * when null): for the sandbox's own endpoints.
	 */
	Answer send(String method, String path, String apiKey, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, List.of()))
			.method(method, (json != null) ? BodyPublishers.ofString(json) : BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (apiKey != null) {
			request.header("X-API-Key", apiKey);
		}
		return send(request);
	}

	String token(String appId, String appSecret) {
		Answer answer = post("/open-apis/auth/v3/tenant_access_token/internal",
				"{\"app_id\":\"" + appId + "\",\"app_secret\":\"" + appSecret + "\"}");
		return answer.json().path("tenant_access_token").stringValue();
	}

	private URI uri(String path, List<Map.Entry<String, String>> query) {
		String encoded = query.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		return URI.create(this.base + path + (encoded.isEmpty() ? "" : "?" + encoded));
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.client.send(request.timeout(Duration.ofSeconds(10)).build(),
					BodyHandlers.ofString());
			return new Answer(response.statusCode(), response, response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Answer(int status, HttpResponse<String> response, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		int code() {
			return json().path("code").intValue();
		}

		String header(String name) {
			return this.response.headers().firstValue(name).orElse(null);
		}

	}

}
