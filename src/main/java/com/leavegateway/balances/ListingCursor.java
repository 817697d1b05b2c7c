package com.leavegateway.balances;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.problem.ApiException;

/**
 * The {@code cursor} of a paged listing: a position in the listing of one query (how many
 * employees came before the page, and the id of the last of them), never a Feishu page
 * token: those stay in the server's roster. It ends with a check over the position and
 * the query, so that a cursor that was altered, made up or taken from another query
 * (another date, id type, time zone or includeOffboard) is refused before anything else
 * happens. The check is not a secret: a position is nothing a caller could not reach by
 * paging.
 *
 * @param offset How many employees of the listing came before the page.
 * @param after The id of the employee just before the page; null at the start.
 */
record ListingCursor(int offset, @Nullable String after) {

	static final ListingCursor START = new ListingCursor(0, null);

	/** Base64url without padding, as {@link #encode} writes it. */
	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{1,200}");

	private static final byte VERSION = 1;

	private static final int CHECK_BYTES = 12;

	private static final String INVALID = "cursor must be the nextCursor of an earlier answer to the same query.";

	/** The cursor as the answer's {@code nextCursor}. */
	String encode(BalanceQuery query) {
		byte[] id = (this.after != null) ? this.after.getBytes(StandardCharsets.UTF_8) : new byte[0];
		ByteBuffer position = ByteBuffer.allocate(1 + 4 + id.length).put(VERSION).putInt(this.offset).put(id);
		byte[] payload = position.array();
		ByteBuffer cursor = ByteBuffer.allocate(payload.length + CHECK_BYTES).put(payload).put(check(query, payload));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor.array());
	}

	/**
	 * The position {@code value} names in the listing of {@code query}; the start when it
	 * is absent. 400 INVALID_PARAMETER naming cursor when it is no cursor of this query.
	 */
	static ListingCursor decode(@Nullable String value, BalanceQuery query) {
		if (value == null) {
			return START;
		}
		if (!WELL_FORMED.matcher(value).matches()) {
			throw invalid();
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(value);
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
		if (bytes.length < 1 + 4 + CHECK_BYTES) {
			throw invalid();
		}
		byte[] payload = Arrays.copyOf(bytes, bytes.length - CHECK_BYTES);
		byte[] check = Arrays.copyOfRange(bytes, payload.length, bytes.length);
		if (!MessageDigest.isEqual(check, check(query, payload)) || payload[0] != VERSION) {
			throw invalid();
		}
		ByteBuffer position = ByteBuffer.wrap(payload, 1, payload.length - 1);
		int offset = position.getInt();
		String after = new String(payload, 5, payload.length - 5, StandardCharsets.UTF_8);
		if (offset < 1 || after.isEmpty()) {
			throw invalid();
		}
		return new ListingCursor(offset, after);
	}

	static ApiException invalid() {
		return ApiException.invalidParameter("cursor", INVALID);
	}

	private static byte[] check(BalanceQuery query, byte[] payload) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(("feishu-leave-gateway listing cursor\n" + query.idType().wireName() + "\n" + query.asOfDate()
					+ "\n" + query.timeZone().getId() + "\n" + query.includeOffboard() + "\n")
				.getBytes(StandardCharsets.UTF_8));
			return Arrays.copyOf(digest.digest(payload), CHECK_BYTES);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
