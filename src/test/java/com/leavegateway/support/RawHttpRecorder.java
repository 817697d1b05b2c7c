package com.leavegateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An HTTP/1.1 server that records each request byte for byte, for the few facts
 * WireMock's Jetty normalizes before a test can see them (such as the case of a charset).
 * One connection at a time, closed after each answer.
 */
public final class RawHttpRecorder implements AutoCloseable {

	private final ServerSocket server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final Thread acceptor;

	/**
	 * {@code answer} gives the JSON body for each raw request; the status is always 200.
	 */
	public RawHttpRecorder(Function<String, String> answer) {
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.acceptor = new Thread(() -> serve(answer), "raw-http-recorder");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	/** Every request so far, head and body as received. */
	public List<String> requests() {
		return List.copyOf(this.requests);
	}

	private void serve(Function<String, String> answer) {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				String request = read(socket.getInputStream());
				this.requests.add(request);
				byte[] body = answer.apply(request).getBytes(StandardCharsets.UTF_8);
				OutputStream out = socket.getOutputStream();
				out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
						+ "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.write(body);
				out.flush();
			}
			catch (IOException ex) {
				// closed, or a client gone: nothing to record
			}
		}
	}

	private static String read(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
		}
		String headText = head.toString(StandardCharsets.UTF_8);
		int length = 0;
		for (String line : headText.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring("content-length:".length()).strip());
			}
		}
		return headText + new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
