package com.leavegateway.coordination;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cache.CacheManager;
import org.springframework.context.ConfigurableApplicationContext;

import com.leavegateway.LeaveGatewayApplication;
import com.leavegateway.quota.QuotaEngine;
import com.leavegateway.quota.QuotaSpec;
import com.leavegateway.quota.SendWindows;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.leavegateway.support.SecondApplication.startLeavingLoggingAlone;
import static org.awaitility.Awaitility.await;

/**
 * One gateway replica in {@code redis} mode: the whole application in this JVM, on a port
 * of its own, beside other replicas that share its Redis (and key prefix) and its
 * stand-in Feishu, as the pods of one deployment do.
 */
final class Replica implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final GatewayHttp http;

	private Replica(ConfigurableApplicationContext context) {
		this.context = context;
		this.http = new GatewayHttp(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	/**
	 * Starts a replica of app {@link GatewayStackTest#APP_ID} against Feishu at
	 * {@code feishuBaseUrl} and Redis at {@code redisPort}; {@code more} are further
	 * {@code --name=value} arguments (quotas, time-outs), which replace the defaults here
	 * (a name given twice would be read as a list).
	 */
	static Replica start(String feishuBaseUrl, int redisPort, String keyPrefix, String... more) {
		Map<String, String> args = new LinkedHashMap<>();
		for (String arg : List.of("--server.port=0", "--spring.main.banner-mode=off", "--spring.jmx.enabled=false",
				"--feishu.base-url=" + feishuBaseUrl, "--feishu.app-id=" + GatewayStackTest.APP_ID,
				"--feishu.app-secret=" + GatewayStackTest.APP_SECRET, "--feishu.response-timeout=5s",
				"--gateway.security.api-keys.test-reader=" + GatewayHttp.API_KEY, "--gateway.coordination.mode=redis",
				"--gateway.coordination.key-prefix=" + keyPrefix,
				"--gateway.coordination.command-timeout=" + TestRedis.COMMAND_TIMEOUT.toSeconds() + "s",
				"--spring.data.redis.host=" + TestRedis.HOST, "--spring.data.redis.port=" + redisPort)) {
			args.put(arg.substring(0, arg.indexOf('=')), arg);
		}
		for (String arg : more) {
			args.put(arg.substring(0, arg.indexOf('=')), arg);
		}
		return new Replica(startLeavingLoggingAlone(new SpringApplicationBuilder(LeaveGatewayApplication.class),
				args.values().toArray(String[]::new)));
	}

	GatewayHttp http() {
		return this.http;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * Declares every quota's shared window empty and intact and ends any pause: without
	 * it, a window under a fresh key prefix counts as full for one period (lost state).
	 */
	void startEmpty() {
		RedisSendWindows windows = (RedisSendWindows) bean(SendWindows.class);
		for (QuotaSpec quota : bean(QuotaEngine.class).quotas()) {
			// A replica's first command also connects (and its first script call loads
			// the script): on a busy machine that can outlast the command time-out.
			await("an empty window of " + quota.name()).atMost(Duration.ofSeconds(30))
				.ignoreExceptions()
				.until(() -> windows.startEmpty(quota).handle((done, failure) -> failure == null).join());
		}
	}

	/** Forgets what this replica cached. */
	void clearCaches() {
		CacheManager caches = bean(CacheManager.class);
		caches.getCacheNames().forEach((name) -> caches.getCache(name).clear());
	}

	@Override
	public void close() {
		this.context.close();
	}

}
