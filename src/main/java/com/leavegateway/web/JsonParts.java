package com.leavegateway.web;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A JSON answer serialised already, as parts written one after the other: parts that
 * repeat across answers (a leave type's balance, a separator) are shared, not copied.
 * Written as it is by {@link JsonPartsConverter}, with no mapper.
 */
public final class JsonParts {

	private static final JsonPart[] NONE = new JsonPart[0];

	private final JsonPart[] parts;

	private final int length;

	private JsonParts(JsonPart[] parts) {
		this.parts = parts;
		int total = 0;
		for (JsonPart part : parts) {
			total += part.length();
		}
		this.length = total;
	}

	public static JsonParts of(List<JsonPart> parts) {
		return new JsonParts(parts.toArray(NONE));
	}

	/** Bytes in all. */
	public int length() {
		return this.length;
	}

	/** The parts, in order. */
	public List<JsonPart> parts() {
		return List.of(this.parts);
	}

	/** Adds the parts, in order, to {@code to}. */
	public void addTo(ArrayList<JsonPart> to) {
		for (JsonPart part : this.parts) {
			to.add(part);
		}
	}

	public void writeTo(OutputStream out) throws IOException {
		for (JsonPart part : this.parts) {
			out.write(part.bytes());
		}
	}

	/** All the bytes in one array. */
	public byte[] toByteArray() {
		byte[] all = new byte[this.length];
		int at = 0;
		for (JsonPart part : this.parts) {
			System.arraycopy(part.bytes(), 0, all, at, part.length());
			at += part.length();
		}
		return all;
	}

	/**
	 * The strong ETag Spring's {@code ShallowEtagHeaderFilter} gives the same bytes
	 * ({@code "0"} and their MD5 in hex, quoted), so that an answer keeps its ETag
	 * whichever computes it.
	 */
	public String etag() {
		try {
			MessageDigest md5 = MessageDigest.getInstance("MD5");
			for (JsonPart part : this.parts) {
				md5.update(part.bytes());
			}
			return "\"0" + HexFormat.of().formatHex(md5.digest()) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is a required algorithm of every JVM", ex);
		}
	}

}
