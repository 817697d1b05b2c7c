package com.leavegateway.coordination;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import com.leavegateway.quota.QuotaSpec;
import com.leavegateway.quota.SendWindow;
import com.leavegateway.quota.SystemQuotaTime;
import com.leavegateway.quota.WindowDecision;
import com.leavegateway.quota.WindowState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Redis window on its own, against the real Redis, each test under its own key
 * prefix.
 */
class RedisSendWindowTests {

	private static final String APP = "cli_test_app";

	private final String prefix = TestRedis.uniquePrefix();

	private final List<LettuceConnectionFactory> factories = new ArrayList<>();

	private final SystemQuotaTime time = new SystemQuotaTime();

	private final QuotaSpec minute = new QuotaSpec("feishu-leave-balances", 3, Duration.ofSeconds(60), 0, 0.2, 8);

	private final QuotaSpec second = new QuotaSpec("feishu-leave-expire-records", 3, Duration.ofSeconds(1), 0, 0.2, 8);

	@AfterEach
	void cleanUp() {
		this.factories.forEach(LettuceConnectionFactory::destroy);
		this.time.close();
		TestRedis.deleteKeys(this.prefix);
	}

	@Test
	void takesUpToTheThresholdThenSaysWhenTheWindowHasRoom() throws Exception {
		RedisSendWindows windows = windows(APP);
		windows.startEmpty(this.minute).get(10, TimeUnit.SECONDS);
		SendWindow window = windows.window(this.minute, this.time);

		for (int used = 1; used <= 3; used++) {
			assertThat(get(window.tryTake(3))).isInstanceOf(WindowDecision.Granted.class)
				.extracting(WindowDecision::used)
				.isEqualTo(used);
		}
		assertThat(get(window.tryTake(3))).isInstanceOfSatisfying(WindowDecision.Denied.class, (denied) -> {
			assertThat(denied.paused()).isFalse();
			assertThat(denied.used()).isEqualTo(3);
			assertThat(denied.retryIn()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));
		});
		// A lower threshold (a lower class) is already full.
		assertThat(get(window.tryTake(2))).isInstanceOf(WindowDecision.Denied.class);
		WindowState state = get(window.state());
		assertThat(state.sendAges()).hasSize(3).allMatch((age) -> !age.isNegative());
		assertThat(state.pauseRemaining()).isZero();
	}

	@Test
	void aGivenBackSendLeavesTheLog() throws Exception {
		RedisSendWindows windows = windows(APP);
		windows.startEmpty(this.minute).get(10, TimeUnit.SECONDS);
		SendWindow window = windows.window(this.minute, this.time);
		WindowDecision.Granted granted = (WindowDecision.Granted) get(window.tryTake(3));

		get(window.giveBack(granted.send()));

		assertThat(get(window.state()).sendAges()).isEmpty();
	}

	@Test
	void aRecountedSendCountsFromNoEarlierThanAskedEvenAfterLeavingTheLog() throws Exception {
		RedisSendWindows windows = windows(APP);
		windows.startEmpty(this.minute).get(10, TimeUnit.SECONDS);
		SendWindow window = windows.window(this.minute, this.time);
		WindowDecision.Granted granted = (WindowDecision.Granted) get(window.tryTake(3));
		String log = this.prefix + APP + ":quota:{feishu-leave-balances}:log";

		// Never earlier than it counts already.
		get(window.recount(granted.send(), Duration.ofSeconds(30)));
		assertThat(redis().opsForZSet().score(log, granted.send().id()))
			.isEqualTo((double) granted.send().storeMicros());

		get(window.recount(granted.send(), Duration.ZERO));
		assertThat(redis().opsForZSet().score(log, granted.send().id())).isNotNull()
			.isGreaterThan((double) granted.send().storeMicros());

		// A call longer than the window: its send had left the log when its answer came.
		redis().opsForZSet().remove(log, granted.send().id());
		get(window.recount(granted.send(), Duration.ofSeconds(1)));
		assertThat(get(window.state()).sendAges()).singleElement()
			.satisfies((age) -> assertThat(age).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
	}

	@Test
	void keysCarryThePrefixAndTheAppIdSoTwoAppsNeverShareAQuota() throws Exception {
		RedisSendWindows app = windows(APP);
		RedisSendWindows other = windows("cli_other_app");
		app.startEmpty(this.minute).get(10, TimeUnit.SECONDS);
		other.startEmpty(this.minute).get(10, TimeUnit.SECONDS);
		SendWindow full = app.window(this.minute, this.time);
		for (int i = 0; i < 3; i++) {
			get(full.tryTake(3));
		}

		assertThat(get(other.window(this.minute, this.time).tryTake(3))).isInstanceOf(WindowDecision.Granted.class);
		assertThat(redis().hasKey(this.prefix + APP + ":quota:{feishu-leave-balances}:log")).isTrue();
		assertThat(redis().hasKey(this.prefix + APP + ":quota:{feishu-leave-balances}:marker")).isTrue();
	}

	@Test
	void aLostLogOfAQuotaTheUpstreamDoesNotEnforceStartsEmpty() throws Exception {
		QuotaSpec token = new QuotaSpec("feishu-token", 3, Duration.ofSeconds(60), 0, 0.2, 8, false);
		SendWindow window = windows(APP).window(token, this.time);

		// Never written (a new key prefix), as after a restart: the first token goes at
		// once.
		assertThat(get(window.tryTake(3))).isInstanceOfSatisfying(WindowDecision.Granted.class,
				(granted) -> assertThat(granted.used()).isEqualTo(1));
	}

	@Test
	void aLostLogCountsAsAFullWindowForOnePeriod() throws Exception {
		RedisSendWindows windows = windows(APP);
		windows.startEmpty(this.second).get(10, TimeUnit.SECONDS);
		SendWindow window = windows.window(this.second, this.time);
		assertThat(get(window.tryTake(3))).isInstanceOf(WindowDecision.Granted.class);

		// As after a Redis restart: everything is gone.
		TestRedis.deleteKeys(this.prefix);

		assertThat(get(window.tryTake(3))).isInstanceOfSatisfying(WindowDecision.Denied.class, (denied) -> {
			assertThat(denied.used()).isEqualTo(3);
			assertThat(denied.retryIn()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
		});
		assertThat(get(window.state()).sendAges()).hasSize(3);
		await().atMost(Duration.ofSeconds(10)).until(() -> get(window.tryTake(3)) instanceof WindowDecision.Granted);
	}

	@Test
	void aWindowNeverWrittenCountsAsFullTooUntilDeclaredEmpty() throws Exception {
		RedisSendWindows windows = windows(APP);
		SendWindow window = windows.window(this.minute, this.time);

		assertThat(get(window.tryTake(3))).isInstanceOfSatisfying(WindowDecision.Denied.class,
				(denied) -> assertThat(denied.retryIn()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60)));

		windows.startEmpty(this.minute).get(10, TimeUnit.SECONDS);
		assertThat(get(window.tryTake(3))).isInstanceOf(WindowDecision.Granted.class);
	}

	@Test
	void aPauseIsSharedByEveryReplicaAndNeverShortened() throws Exception {
		RedisSendWindows one = windows(APP);
		RedisSendWindows two = windows(APP);
		one.startEmpty(this.minute).get(10, TimeUnit.SECONDS);

		get(one.window(this.minute, this.time).pause(Duration.ofSeconds(30)));
		get(one.window(this.minute, this.time).pause(Duration.ofSeconds(1)));

		SendWindow other = two.window(this.minute, this.time);
		assertThat(get(other.tryTake(3))).isInstanceOfSatisfying(WindowDecision.Denied.class, (denied) -> {
			assertThat(denied.paused()).isTrue();
			assertThat(denied.retryIn()).isGreaterThan(Duration.ofSeconds(1))
				.isLessThanOrEqualTo(Duration.ofSeconds(30));
		});
		assertThat(get(other.state()).pauseRemaining()).isGreaterThan(Duration.ofSeconds(1));
	}

	@Test
	void anUnreachableRedisFailsEveryOperationClosed() {
		RedisSendWindows windows = new RedisSendWindows(connect(TestRedis.closedPort()), this.prefix, APP,
				TestRedis.COMMAND_TIMEOUT, TestRedis.RETRY_AFTER);
		SendWindow window = windows.window(this.minute, this.time);

		assertUnavailable(window.tryTake(3));
		assertUnavailable(window.state());
		assertUnavailable(window.pause(Duration.ofSeconds(1)));
		assertUnavailable(windows.startEmpty(this.minute));
	}

	private static void assertUnavailable(CompletionStage<?> stage) {
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> get(stage))
			.havingCause()
			.isInstanceOfSatisfying(CoordinationUnavailableException.class,
					(ex) -> assertThat(ex.retryAfter()).isEqualTo(TestRedis.RETRY_AFTER));
	}

	private RedisSendWindows windows(String appId) {
		return new RedisSendWindows(connect(TestRedis.PORT), this.prefix, appId, TestRedis.COMMAND_TIMEOUT,
				TestRedis.RETRY_AFTER);
	}

	private LettuceConnectionFactory connect(int port) {
		LettuceConnectionFactory factory = TestRedis.connect(port);
		this.factories.add(factory);
		return factory;
	}

	private StringRedisTemplate redis() {
		return new StringRedisTemplate(connect(TestRedis.PORT));
	}

	private static <T> T get(CompletionStage<T> stage)
			throws InterruptedException, ExecutionException, TimeoutException {
		return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
	}

}
