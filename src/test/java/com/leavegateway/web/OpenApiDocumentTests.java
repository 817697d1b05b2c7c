package com.leavegateway.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed contract, docs/openapi.yaml, is what the application serves: teams
 * generate clients from the repository, so a change to the API must change the file too.
 * To accept a change, run {@code ./mvnw verify -Dopenapi.update=true} and commit the
 * file.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox")
class OpenApiDocumentTests {

	private static final Path COMMITTED = Path.of("docs/openapi.yaml");

	@LocalServerPort
	int port;

	@Test
	void committedDocumentMatchesTheServedOne() throws IOException, InterruptedException {
		HttpResponse<String> served = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v3/api-docs.yaml")).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(served.statusCode()).isEqualTo(200);
		if (Boolean.getBoolean("openapi.update")) {
			Files.writeString(COMMITTED, served.body(), StandardCharsets.UTF_8);
		}
		assertThat(served.body()).as("docs/openapi.yaml is out of date: run ./mvnw verify -Dopenapi.update=true")
			.isEqualTo(Files.readString(COMMITTED, StandardCharsets.UTF_8));
	}

	/**
	 * Swagger UI fills "Try it out" from the examples: ids must be JSON strings (a
	 * 19-digit number is rounded by JavaScript), an array parameter's example must be an
	 * array, and a date left out means today, so no date has a fixed example. limit's
	 * example is 20, so that a listing of every employee tried there is a page.
	 */
	@Test
	void examplesAreUsableAsSwaggerUiDefaults() throws IOException, InterruptedException {
		HttpResponse<String> served = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v3/api-docs")).build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		JsonNode document = JsonMapper.shared().readTree(served.body());
		List<JsonNode> parameters = new ArrayList<>();
		document.path("paths")
			.forEach((path) -> path.forEach((operation) -> operation.path("parameters").forEach(parameters::add)));
		assertThat(parameters).isNotEmpty();
		for (JsonNode parameter : parameters) {
			String name = parameter.path("name").stringValue();
			JsonNode example = parameter.path("example");
			switch (parameter.path("schema").path("type").stringValue()) {
				case "string" -> {
					assertThat(example.isMissingNode() || example.isString()).as(name).isTrue();
					assertThat(parameter.path("schema").path("format").isMissingNode() || example.isMissingNode())
						.as("%s: a date has no fixed example", name)
						.isTrue();
				}
				case "array" -> assertThat(example.isMissingNode()
						|| (example.isArray() && example.size() > 1 && example.get(0).isString()))
					.as(name)
					.isTrue();
				default -> assertThat(example.isString()).as(name).isFalse();
			}
		}
		assertThat(parameters).filteredOn((parameter) -> parameter.path("name").stringValue().equals("employeeId"))
			.extracting((parameter) -> parameter.path("example").stringValue())
			.containsOnly("7383310440851843102");
		assertThat(parameters).filteredOn((parameter) -> parameter.path("name").stringValue().equals("limit"))
			.singleElement()
			.satisfies((limit) -> assertThat(limit.path("example").intValue()).isEqualTo(20));
		assertThat(parameters).filteredOn((parameter) -> parameter.path("name").stringValue().equals("employeeIds"))
			.allSatisfy((ids) -> assertThat(ids.path("example").get(0).stringValue()).isEqualTo("7383310440851843102"));
		assertThat(document.path("components").path("securitySchemes").path("apiKey").path("description").stringValue())
			.contains("`gateway.security.api-keys.<team>`");
	}

}
