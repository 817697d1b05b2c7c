package com.leavegateway.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Some bytes of a serialised JSON answer, equal to another part with the same bytes, so
 * that a part many answers have (a leave type's balance) can be kept once.
 */
public final class JsonPart {

	private final byte[] bytes;

	private final int hash;

	private JsonPart(byte[] bytes) {
		this.bytes = bytes;
		this.hash = Arrays.hashCode(bytes);
	}

	/** {@code bytes}, which the caller hands over and must not change. */
	public static JsonPart of(byte[] bytes) {
		return new JsonPart(bytes);
	}

	public static JsonPart of(String ascii) {
		return new JsonPart(ascii.getBytes(StandardCharsets.UTF_8));
	}

	/** The bytes; not to be changed. */
	byte[] bytes() {
		return this.bytes;
	}

	public int length() {
		return this.bytes.length;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof JsonPart part && this.hash == part.hash && Arrays.equals(this.bytes, part.bytes);
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return new String(this.bytes, StandardCharsets.UTF_8);
	}

}
