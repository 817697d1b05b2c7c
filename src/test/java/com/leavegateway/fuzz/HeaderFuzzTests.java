package com.leavegateway.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The headers the API reads: Accept-Language, Cache-Control, Accept, X-Request-Id and
 * X-API-Key, on all four read endpoints. A value with bytes HTTP does not allow in a
 * header (CR, LF, NUL and other controls) is sent raw too.
 */
class HeaderFuzzTests {

	private static final List<String> TARGETS = List.of("/api/v1/leave-balances?employeeIds=F1,F2",
			"/api/v1/employees/F1/leave-balances", "/api/v1/employees/F1/leave-types/7001/expiring-grants",
			"/api/v1/employees/F1/expiring-grants");

	private final FuzzedGateway gateway = FuzzedGateway.get();

	enum Header {

		ACCEPT_LANGUAGE("Accept-Language"), CACHE_CONTROL("Cache-Control"), ACCEPT("Accept"),
		X_REQUEST_ID("X-Request-Id"), X_API_KEY("X-API-Key");

		final String wireName;

		Header(String wireName) {
			this.wireName = wireName;
		}

	}

	/**
	 * Only bytes a header value may hold (visible ASCII, space, tab, obs-text): the
	 * gateway's own rules apply.
	 */
	@Property(tries = 300)
	void aLegalHeaderValueIsHandledByTheGatewaysRules(@ForAll("targets") String target, @ForAll Header header,
			@ForAll("values") String generated) {
		String value = generated.replaceAll("[\\p{Cntrl}&&[^\t]]", "").replace("\u2028", "").strip();
		RawHttp.Response response = send(target, header, value.getBytes(StandardCharsets.UTF_8));

		this.gateway.assertSafe(response);
		switch (header) {
			case X_API_KEY -> {
				if (!value.equals(FuzzedGateway.API_KEY)) {
					assertThat(response.status()).as(response.toString()).isIn(400, 401);
					assertThat(this.gateway.upstream()).isEmpty();
				}
			}
			case X_REQUEST_ID -> {
				if (response.status() != 400) {
					String id = response.header("X-Request-Id");
					assertThat(id).isNotNull();
					if (value.matches("[A-Za-z0-9._-]{1,64}")) {
						assertThat(id).isEqualTo(value);
					}
					else {
						assertThat(id).matches("[0-9a-f-]{36}");
					}
				}
			}
			case ACCEPT -> assertThat(response.status()).as(response.toString()).isIn(200, 400, 404, 406);
			default -> assertThat(response.status()).as(response.toString()).isIn(200, 400, 404);
		}
	}

	/** Any bytes at all, CRLF and NUL included, straight into the header section. */
	@Property(tries = 250)
	void aRawHeaderValueNeverHarmsAnything(@ForAll("targets") String target, @ForAll Header header,
			@ForAll("values") String value) {
		this.gateway.assertSafe(send(target, header, value.getBytes(StandardCharsets.UTF_8)));
	}

	private RawHttp.Response send(String target, Header header, byte[] value) {
		List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
		if (header != Header.X_API_KEY) {
			headers.add(Map.entry("X-API-Key", FuzzedGateway.API_KEY.getBytes(StandardCharsets.US_ASCII)));
		}
		headers.add(Map.entry(header.wireName, value));
		return this.gateway.get(target.getBytes(StandardCharsets.US_ASCII), headers);
	}

	@Provide
	Arbitrary<String> targets() {
		return Arbitraries.of(TARGETS);
	}

	@Provide
	Arbitrary<String> values() {
		return Arbitraries.frequencyOf(Tuple.of(4, Hostile.value()),
				Tuple.of(1,
						Arbitraries.of("en-US", "zh-CN;q=0.9,en;q=0.8", "*", "no-cache", "no-store, no-cache",
								"max-age=0", "application/json", "text/csv", "application/x-ndjson", "text/csv;q=abc",
								"*/*;q=0.1", "application/*", "req-123", "a".repeat(64), "a".repeat(65),
								FuzzedGateway.API_KEY + " ", "Bearer " + FuzzedGateway.API_KEY)),
				Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(8000)));
	}

}
