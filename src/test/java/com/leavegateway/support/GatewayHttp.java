package com.leavegateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the gateway over real HTTP with the JDK client and hands back exactly what came
 * over the wire. {@link #get} sends the reader key {@link #API_KEY}; {@link #request}
 * lets a test choose the method and the key, or none.
 */
public final class GatewayHttp {

	public static final String API_KEY_HEADER = "X-API-Key";

	public static final String API_KEY = "test-reader-key";

	/**
	 * Reads numbers as exact BigDecimals, so that assertions see what the gateway wrote.
	 */
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	public GatewayHttp(int port) {
		this.base = "http://localhost:" + port;
	}

	/**
	 * GET {@code pathAndQuery} (already encoded) as the reader; {@code headers} are name,
	 * value, name, value...
	 */
	public Response get(String pathAndQuery, String... headers) {
		return request("GET", pathAndQuery, API_KEY, headers);
	}

	/** Any method, with {@code apiKey} in X-API-Key, or no key at all when it is null. */
	public Response request(String method, String pathAndQuery, @Nullable String apiKey, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + pathAndQuery))
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (apiKey != null) {
			request.header(API_KEY_HEADER, apiKey);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			HttpResponse<String> response = this.client.send(request.build(), BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One answer of the gateway.
	 *
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the raw body, as sent
	 * @param json the body parsed (numbers as BigDecimal), null when it is no JSON
	 */
	public record Response(int status, HttpHeaders headers, String body, @Nullable JsonNode json) {

		Response(int status, HttpHeaders headers, String body) {
			this(status, headers, body, parse(body));
		}

		public @Nullable String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

		public @Nullable String contentType() {
			return header("Content-Type");
		}

		/** See {@link CacheStatus}. */
		public @Nullable String cacheStatus() {
			return header(CacheStatus.HEADER);
		}

		private static @Nullable JsonNode parse(String body) {
			try {
				return body.isBlank() ? null : JSON.readTree(body);
			}
			catch (JacksonException ex) {
				return null;
			}
		}

		@Override
		public String toString() {
			return "HTTP " + this.status + " " + this.body;
		}

	}

}
