package com.leavegateway.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTP/1.1 client on a plain socket that sends exactly the bytes it is given: no
 * client library refuses or repairs a control character, a CRLF, a raw non-ASCII byte or
 * an invalid %-escape, so Tomcat's own parsing is what gets tested. One request per
 * connection ({@code Connection: close}).
 */
final class RawHttp {

	private static final JsonMapper JSON = JsonMapper.shared();

	/** The status of an HTTP/0.9 answer, which has none: only a body. */
	static final int HTTP_09 = 9;

	private final int port;

	RawHttp(int port) {
		this.port = port;
	}

	/**
	 * GET {@code target} (sent as these bytes) with the headers given as name, value
	 * pairs (values as bytes).
	 */
	Response get(byte[] target, List<Map.Entry<String, byte[]>> headers) {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes("GET ".getBytes(StandardCharsets.US_ASCII));
		request.writeBytes(target);
		request.writeBytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
		for (Map.Entry<String, byte[]> header : headers) {
			request.writeBytes((header.getKey() + ": ").getBytes(StandardCharsets.US_ASCII));
			request.writeBytes(header.getValue());
			request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		request.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		return send(request.toByteArray());
	}

	Response send(byte[] request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(20_000);
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			return parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[16384];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				all.write(buffer, 0, n);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new IllegalStateException(
					"No complete answer within 20 s; got: " + all.toString(StandardCharsets.ISO_8859_1), ex);
		}
		catch (IOException ex) {
			// Reset after the answer was sent (Tomcat closes a connection it refused):
			// keep what arrived.
			if (all.size() == 0) {
				throw ex;
			}
		}
		return all.toByteArray();
	}

	private static Response parse(byte[] raw) {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		if (!text.startsWith("HTTP/")) {
			return new Response(HTTP_09, List.of(), raw);
		}
		int end = text.indexOf("\r\n\r\n");
		if (end < 0) {
			throw new IllegalStateException("No HTTP answer: " + text);
		}
		String[] lines = text.substring(0, end).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		List<Map.Entry<String, String>> headers = new ArrayList<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.add(Map.entry(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()));
		}
		byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
		Response response = new Response(status, headers, body);
		String length = response.header("Content-Length");
		if (length != null && Integer.parseInt(length) < body.length) {
			response = new Response(status, headers, java.util.Arrays.copyOf(body, Integer.parseInt(length)));
		}
		if ("chunked".equalsIgnoreCase(response.header("Transfer-Encoding"))) {
			response = new Response(status, headers, dechunk(body));
		}
		return response;
	}

	private static byte[] dechunk(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int at = 0;
		while (at < body.length) {
			int lineEnd = indexOfCrlf(body, at);
			String size = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII).split(";")[0].strip();
			int length = Integer.parseInt(size, 16);
			if (length == 0) {
				break;
			}
			out.write(body, lineEnd + 2, length);
			at = lineEnd + 2 + length + 2;
		}
		return out.toByteArray();
	}

	private static int indexOfCrlf(byte[] bytes, int from) {
		for (int i = from; i < bytes.length - 1; i++) {
			if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
				return i;
			}
		}
		throw new IllegalStateException("Broken chunked body");
	}

	/** One answer as it came over the wire. */
	record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {

		@Nullable String header(String name) {
			for (Map.Entry<String, String> header : this.headers) {
				if (header.getKey().equalsIgnoreCase(name)) {
					return header.getValue();
				}
			}
			return null;
		}

		List<String> headerNames() {
			return this.headers.stream().map((header) -> header.getKey().toLowerCase(Locale.ROOT)).toList();
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		@Nullable JsonNode json() {
			try {
				return JSON.readTree(this.body);
			}
			catch (JacksonException ex) {
				return null;
			}
		}

		@Override
		public String toString() {
			return "HTTP " + this.status + " " + this.headers + " " + text();
		}

	}

}
