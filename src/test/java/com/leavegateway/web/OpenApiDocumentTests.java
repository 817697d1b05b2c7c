package com.leavegateway.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

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

}
