package com.leavegateway.fuzz;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query parameter of the four read endpoints, fuzzed one at a time and all at once.
 * Percent-encoded values reach the gateway intact, so an oracle (the documented rules)
 * says whether each must be accepted; raw values go into the request line byte for byte,
 * and only the invariants of {@link FuzzedGateway#assertSafe} are checked.
 */
class QueryParameterFuzzTests {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

	private static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

	private final FuzzedGateway gateway = FuzzedGateway.get();

	enum Param {

		EMPLOYEE_IDS("employeeIds"), AS_OF_DATE("asOfDate"), ID_TYPE("idType"), TIME_ZONE("timeZone"),
		INCLUDE_OFFBOARD("includeOffboard"), FROM("from"), TO("to");

		final String wireName;

		Param(String wireName) {
			this.wireName = wireName;
		}

	}

	enum Endpoint {

		BALANCES("/api/v1/leave-balances", "employeeIds=F1", Param.EMPLOYEE_IDS, Param.AS_OF_DATE, Param.ID_TYPE,
				Param.TIME_ZONE, Param.INCLUDE_OFFBOARD),
		EMPLOYEE_BALANCES("/api/v1/employees/F1/leave-balances", "", Param.AS_OF_DATE, Param.ID_TYPE, Param.TIME_ZONE,
				Param.INCLUDE_OFFBOARD),
		GRANTS("/api/v1/employees/F1/leave-types/7001/expiring-grants", "", Param.FROM, Param.TO, Param.ID_TYPE,
				Param.TIME_ZONE),
		ALL_GRANTS("/api/v1/employees/F1/expiring-grants", "", Param.FROM, Param.TO, Param.ID_TYPE, Param.TIME_ZONE);

		final String path;

		final String baseline;

		final List<Param> params;

		Endpoint(String path, String baseline, Param... params) {
			this.path = path;
			this.baseline = baseline;
			this.params = List.of(params);
		}

	}

	record Case(Endpoint endpoint, Param param, String value) {
	}

	@Property(tries = 400)
	void anEncodedValueIsAcceptedExactlyWhenItIsValidAndNeverHarmsAnything(@ForAll("cases") Case given) {
		String value = Hostile.asDecoded(given.value());
		String otherParameter = (given.param() == Param.EMPLOYEE_IDS) ? "" : given.endpoint().baseline;
		byte[] target = Hostile.concat(given.endpoint().path, "?", otherParameter, otherParameter.isEmpty() ? "" : "&",
				given.param().wireName, "=", Hostile.Wire.ENCODED.query(value));

		RawHttp.Response response = this.gateway.get(target, key());

		this.gateway.assertSafe(response);
		boolean valid = valid(given.param(), value);
		Statistics.collect(valid ? "valid" : "invalid");
		if (valid) {
			assertThat(response.status()).as(response.toString()).isIn(200, 404);
			if (response.status() == 404) {
				assertThat(response.json().path("code").stringValue()).isEqualTo("EMPLOYEE_NOT_FOUND");
			}
		}
		else {
			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			JsonNode problem = response.json();
			assertThat(problem.path("code").stringValue()).isIn("INVALID_PARAMETER", "BAD_REQUEST");
			if (problem.has("parameter")) {
				assertThat(problem.path("parameter").stringValue())
					.isIn(given.endpoint().params.stream().map((param) -> param.wireName).toList());
			}
			assertThat(this.gateway.upstream()).isEmpty();
		}
	}

	@Property(tries = 250)
	void aRawValueInTheRequestLineNeverHarmsAnything(@ForAll("cases") Case given) {
		String otherParameter = (given.param() == Param.EMPLOYEE_IDS) ? "" : given.endpoint().baseline;
		byte[] target = Hostile.concat(given.endpoint().path, "?", otherParameter, otherParameter.isEmpty() ? "" : "&",
				given.param().wireName, "=", Hostile.Wire.RAW.query(given.value()));

		this.gateway.assertSafe(this.gateway.get(target, key()));
	}

	@Property(tries = 150)
	void everyParameterHostileAtOnceNeverHarmsAnything(@ForAll("endpoints") Endpoint endpoint,
			@ForAll("hostile") List<String> values, @ForAll Hostile.Wire wire) {
		List<Object> target = new ArrayList<>(List.of(endpoint.path, "?"));
		for (int i = 0; i < endpoint.params.size(); i++) {
			target.add(((i == 0) ? "" : "&") + endpoint.params.get(i).wireName + "=");
			target.add(wire.query(values.get(i % values.size())));
		}

		this.gateway.assertSafe(this.gateway.get(Hostile.concat(target.toArray()), key()));
	}

	@Provide
	Arbitrary<Case> cases() {
		return Arbitraries.of(Endpoint.values())
			.flatMap(
					(endpoint) -> Arbitraries.of(endpoint.params)
						.flatMap((param) -> Arbitraries
							.frequencyOf(Tuple.of(3, Hostile.value()), Tuple.of(1, validValue(param)))
							.map((value) -> new Case(endpoint, param, value))));
	}

	@Provide
	Arbitrary<Endpoint> endpoints() {
		return Arbitraries.of(Endpoint.values());
	}

	@Provide
	Arbitrary<List<String>> hostile() {
		return Hostile.value().list().ofMinSize(1).ofMaxSize(5);
	}

	/**
	 * Values that should pass, with their near misses (other case, a blank around them).
	 */
	private static Arbitrary<String> validValue(Param param) {
		return switch (param) {
			case EMPLOYEE_IDS -> Arbitraries.strings()
				.withCharRange('a', 'z')
				.withCharRange('0', '9')
				.withChars('_', '-', 'Z')
				.ofMinLength(1)
				.ofMaxLength(70)
				.list()
				.ofMinSize(1)
				.ofMaxSize(8)
				.map((ids) -> String.join(",", ids));
			case AS_OF_DATE, FROM,
					TO ->
				Arbitraries.longs()
					.between(LocalDate.of(1890, 1, 1).toEpochDay(), LocalDate.of(2210, 1, 1).toEpochDay())
					.map((day) -> LocalDate.ofEpochDay(day).toString());
			case ID_TYPE -> Arbitraries.of("people_corehr_id", "open_id", "union_id", "user_id", "OPEN_ID", " open_id",
					"employee_id");
			case TIME_ZONE -> Arbitraries.of(new ArrayList<>(FuzzedGateway.ZONES))
				.injectDuplicates(0.0)
				.edgeCases((config) -> config.add("UTC+8"));
			case INCLUDE_OFFBOARD -> Arbitraries.of("true", "false", "TRUE", "1", "yes");
		};
	}

	/**
	 * The documented rules (README and docs/operations.md, RequestParameters), written
	 * out again as the oracle.
	 */
	private static boolean valid(Param param, String value) {
		return switch (param) {
			case EMPLOYEE_IDS -> validIds(value);
			case AS_OF_DATE -> date(value) != null;
			case FROM -> {
				LocalDate from = date(value);
				yield from != null && from.plusDays(90).getYear() <= 2199;
			}
			case TO -> {
				LocalDate to = date(value);
				yield to != null && !LocalDate.now(ZoneId.of("Asia/Shanghai")).isAfter(to);
			}
			case ID_TYPE -> FuzzedGateway.ID_TYPES.contains(value);
			case TIME_ZONE -> FuzzedGateway.ZONES.contains(value);
			case INCLUDE_OFFBOARD -> value.equals("true") || value.equals("false");
		};
	}

	/**
	 * Comma-separated, each trimmed (Spring) and stripped, 1 to 64 of [A-Za-z0-9_-], at
	 * most 1000 distinct.
	 */
	private static boolean validIds(String value) {
		if (value.isEmpty()) {
			return false;
		}
		Set<String> ids = new LinkedHashSet<>();
		for (String id : value.split(",", -1)) {
			String clean = id.trim().strip();
			if (!FuzzedGateway.EMPLOYEE_ID.matcher(clean).matches()) {
				return false;
			}
			ids.add(clean);
		}
		return ids.size() <= 1000;
	}

	private static LocalDate date(String value) {
		try {
			LocalDate date = LocalDate.parse(value, DATE);
			return (date.isBefore(EARLIEST) || date.isAfter(LATEST)) ? null : date;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	static List<Map.Entry<String, byte[]>> key() {
		return List.of(Map.entry("X-API-Key", FuzzedGateway.API_KEY.getBytes(StandardCharsets.US_ASCII)));
	}

}
