package leavebench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static leavebench.LeaveGatewayBench.API_KEY;

/** Single requests with the JDK's HTTP client, for set-up and questions between scenarios. */
final class Http {

	static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	static Res get(int port, String pathAndQuery) throws IOException, InterruptedException {
		return get(port, pathAndQuery, "application/json");
	}

	static Res get(int port, String pathAndQuery, String accept) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
			.timeout(Duration.ofSeconds(60))
			.header("X-API-Key", API_KEY)
			.header("Accept", accept)
			.GET()
			.build();
		long started = System.nanoTime();
		HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		return new Res(response.statusCode(), response.body(), System.nanoTime() - started, started);
	}

	static Res getOrError(int port, String pathAndQuery) {
		try {
			return get(port, pathAndQuery);
		}
		catch (IOException ex) {
			return new Res(-1, String.valueOf(ex), 0);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Res(-1, "interrupted", 0);
		}
	}

}
