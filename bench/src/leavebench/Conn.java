package leavebench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static leavebench.LeaveGatewayBench.API_KEY;

/**
 * A client's own keep-alive HTTP/1.1 connection on a plain socket: connected before a burst is released, so
 * that releasing the burst costs one write per client and no connection set-up.
 */
final class Conn implements AutoCloseable {

	final int port;

	java.net.Socket socket;

	java.io.BufferedInputStream in;

	OutputStream out;

	/** Bodies of known length are skipped, not kept: a client that needs only the status costs less CPU. */
	boolean discardBodies;

	Conn(int port) {
		this.port = port;
	}

	void connect() {
		try {
			open();
		}
		catch (IOException ex) {
			close();
		}
	}

	private void open() throws IOException {
		this.socket = new java.net.Socket();
		this.socket.setTcpNoDelay(true);
		this.socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
		this.socket.setSoTimeout(120_000);
		this.in = new java.io.BufferedInputStream(this.socket.getInputStream(), 1 << 16);
		this.out = this.socket.getOutputStream();
	}

	byte[] request(String path) {
		return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\nX-API-Key: " + API_KEY
				+ "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
	}

	/** Writes a request on a connected socket; the instant it was written, or -1 when it could not be. */
	long send(byte[] request) {
		try {
			long started = System.nanoTime();
			this.out.write(request);
			this.out.flush();
			return started;
		}
		catch (IOException | RuntimeException ex) {
			close();
			return -1;
		}
	}

	Res receive(long started) {
		if (started < 0 || this.socket == null) {
			return new Res(-1, "not sent", 0, 0);
		}
		try {
			return read(started);
		}
		catch (IOException | RuntimeException ex) {
			close();
			return new Res(-1, String.valueOf(ex), System.nanoTime() - started, started);
		}
	}

	Res get(String path) {
		byte[] request = request(path);
		for (int attempt = 0; attempt < 2; attempt++) {
			boolean reused = this.socket != null;
			long started = System.nanoTime();
			try {
				if (this.socket == null) {
					open();
				}
				this.out.write(request);
				this.out.flush();
				return read(started);
			}
			catch (IOException ex) {
				close();
				// A kept-alive connection the server had closed: once more on a new one.
				if (!reused || attempt == 1) {
					return new Res(-1, String.valueOf(ex), System.nanoTime() - started, started);
				}
			}
		}
		throw new IllegalStateException();
	}

	private Res read(long started) throws IOException {
		String statusLine = line();
		if (statusLine == null) {
			throw new IOException("connection closed");
		}
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		long length = -1;
		boolean chunked = false;
		boolean closing = false;
		String cacheStatus = null;
		for (String header = line(); header != null && !header.isEmpty(); header = line()) {
			String h = header.toLowerCase(Locale.ROOT);
			if (h.startsWith("cache-status:")) {
				cacheStatus = header.substring(13).strip();
			}
			else if (h.startsWith("content-length:")) {
				length = Long.parseLong(h.substring(15).strip());
			}
			else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
				chunked = true;
			}
			else if (h.startsWith("connection:") && h.contains("close")) {
				closing = true;
			}
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (chunked) {
			for (int size = Integer.parseInt(line().split(";")[0].strip(), 16); size > 0; size = Integer
				.parseInt(line().split(";")[0].strip(), 16)) {
				body.write(this.in.readNBytes(size));
				line();
			}
			for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
				// trailers ignored
			}
		}
		else if (length >= 0 && this.discardBodies) {
			this.in.skipNBytes(length);
		}
		else if (length >= 0) {
			body.write(this.in.readNBytes((int) length));
		}
		else {
			body.write(this.in.readAllBytes());
			closing = true;
		}
		long nanos = System.nanoTime() - started;
		if (closing) {
			close();
		}
		return new Res(status, body.toString(StandardCharsets.UTF_8), nanos, started, cacheStatus);
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = this.in.read(); b >= 0; b = this.in.read()) {
			if (b == '\n') {
				int n = line.length();
				return (n > 0 && line.charAt(n - 1) == '\r') ? line.substring(0, n - 1) : line.toString();
			}
			line.append((char) b);
		}
		return (line.length() == 0) ? null : line.toString();
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		this.socket = null;
	}

}
