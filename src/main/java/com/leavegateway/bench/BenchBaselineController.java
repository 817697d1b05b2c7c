package com.leavegateway.bench;

import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Profile {@code bench} only: a JSON answer of fixed size with no work behind it, the
 * yardstick the benchmark compares cache hits against
 * ({@code gateway.bench.baseline-size} bytes, the size of a real cached answer). It sits
 * under /api/ so that it passes the same authentication and access log as the API itself.
 */
@RestController
@Profile("bench")
@Hidden
class BenchBaselineController {

	private final byte[] body;

	BenchBaselineController(@Value("${gateway.bench.baseline-size:2000}") int size) {
		StringBuilder json = new StringBuilder("{\"padding\":\"");
		while (json.length() < size - 2) {
			json.append('x');
		}
		this.body = json.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
	}

	@GetMapping(path = "/api/v1/bench/baseline", produces = MediaType.APPLICATION_JSON_VALUE)
	byte[] baseline() {
		return this.body;
	}

}
