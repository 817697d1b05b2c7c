package com.leavegateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configured keys, kept only as SHA-256 digests. A presented key is hashed and
 * compared with every digest in constant time, so neither the comparison nor the number
 * of keys tried tells an attacker how close a guess was.
 */
final class ApiKeys {

	private static final String SHA256_PREFIX = "{sha256}";

	private final Map<String, byte[]> digestsByConsumer = new LinkedHashMap<>();

	ApiKeys(Map<String, String> keysByConsumer) {
		keysByConsumer.forEach((consumer, key) -> {
			if (key == null || key.isBlank()) {
				throw new IllegalArgumentException("gateway.security.api-keys." + consumer + " is empty");
			}
			this.digestsByConsumer.put(consumer, key.startsWith(SHA256_PREFIX)
					? HexFormat.of().parseHex(key.substring(SHA256_PREFIX.length()).strip()) : sha256(key));
		});
	}

	boolean isEmpty() {
		return this.digestsByConsumer.isEmpty();
	}

	/** The consumer whose key this is. */
	Optional<String> consumerOf(String presentedKey) {
		byte[] presented = sha256(presentedKey);
		String match = null;
		for (Map.Entry<String, byte[]> entry : this.digestsByConsumer.entrySet()) {
			if (MessageDigest.isEqual(presented, entry.getValue()) && match == null) {
				match = entry.getKey();
			}
		}
		return Optional.ofNullable(match);
	}

	static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
