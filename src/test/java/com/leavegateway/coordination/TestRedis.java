package com.leavegateway.coordination;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import io.lettuce.core.ClientOptions;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The real Redis the tests share (127.0.0.1:6379; {@code .ci/run} starts one when none
 * answers): connections set up as the application sets them up, one key prefix per test,
 * and the clean-up of that prefix.
 */
final class TestRedis {

	static final String HOST = "127.0.0.1";

	static final int PORT = 6379;

	/**
	 * Long, so that a busy machine (a first command that also connects, on two cores
	 * shared by parallel builds) never counts as an outage: the outages the tests make
	 * refuse connections, and are noticed at once.
	 */
	static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private TestRedis() {
	}

	/**
	 * A started connection factory to {@code port}, with the client options
	 * {@link CoordinationConfiguration} gives the application's.
	 */
	static LettuceConnectionFactory connect(int port) {
		ClientOptions.Builder options = ClientOptions.builder();
		new CoordinationConfiguration().rejectCommandsWhileDisconnected().customize(options);
		LettuceClientConfiguration client = LettuceClientConfiguration.builder().clientOptions(options.build()).build();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(HOST, port),
				client);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/** A key prefix no other test uses. */
	static String uniquePrefix() {
		return "test-" + UUID.randomUUID() + ":";
	}

	/** Deletes every key under {@code prefix}. */
	static void deleteKeys(String prefix) {
		LettuceConnectionFactory factory = connect(PORT);
		try {
			StringRedisTemplate redis = new StringRedisTemplate(factory);
			Set<String> keys = redis.keys(prefix + "*");
			if (!keys.isEmpty()) {
				redis.delete(keys);
			}
		}
		finally {
			factory.destroy();
		}
	}

	/** A local port nothing listens on (just closed). */
	static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
