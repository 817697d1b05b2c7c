package com.leavegateway.balances;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.cache.caffeine.CaffeineCacheManager;

import com.leavegateway.cache.CacheProperties;
import com.leavegateway.feishu.FeishuClient;
import com.leavegateway.feishu.LeaveBalances;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.leave.UserIdType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * {@link BalanceLoader} on its own: how cache misses become Feishu calls. Feishu's client
 * records the ids of each call; batch windows pass only when a test lets them (a batch
 * that waits is known to the test), so nothing here depends on timing. The class time-out
 * only guards against a test that would otherwise hang.
 */
@Timeout(30)
class BalanceLoaderTests {

	private static final BalanceQuery QUERY = new BalanceQuery(UserIdType.PEOPLE_COREHR_ID, LocalDate.of(2025, 6, 2),
			ZoneId.of("Asia/Shanghai"), false);

	private static final Duration WINDOW = Duration.ofMillis(20);

	private final FeishuClient feishu = mock(FeishuClient.class);

	/** The ids of each call to Feishu, in order. */
	private final List<List<String>> calls = new CopyOnWriteArrayList<>();

	/** Ids Feishu does not know. */
	private final Set<String> unknown = ConcurrentHashMap.newKeySet();

	/** Ids whose call fails. */
	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	/** Counted down to let calls to Feishu answer; open unless a test closes it. */
	private volatile CountDownLatch feishuAnswers = new CountDownLatch(0);

	private final ManualWindows windows = new ManualWindows();

	/** Threads of requests that run while a test drives their batch. */
	private final ExecutorService requests = Executors.newCachedThreadPool();

	@BeforeEach
	void feishuAnswersTheEmployeesItKnows() {
		given(this.feishu.leaveBalancesOncePermitted(eq(QUERY), any())).willAnswer((invocation) -> {
			Supplier<List<String>> batch = invocation.getArgument(1);
			List<String> ids = List.copyOf(batch.get());
			this.calls.add(ids);
			this.feishuAnswers.await();
			if (ids.stream().anyMatch(this.failing::contains)) {
				throw new IllegalStateException("Feishu failed");
			}
			return new LeaveBalances(
					ids.stream().filter((id) -> !this.unknown.contains(id)).map(BalanceLoaderTests::employee).toList(),
					List.of());
		});
	}

	@AfterEach
	void stopRequests() {
		this.requests.shutdownNow();
	}

	@Test
	void aFullBatchGoesAtOnceWithoutWaitingForItsWindow() {
		BalanceLoader.Lookup lookup = loader(3).load(QUERY, List.of("E1", "E2", "E3"), false);

		assertThat(this.calls).containsExactly(List.of("E1", "E2", "E3"));
		assertThat(lookup.employees()).containsOnlyKeys("E1", "E2", "E3").doesNotContainValue(null);
		assertThat(lookup.cached()).isZero();
		assertThat(this.windows.opened).hasValue(0);
	}

	@Test
	void aPartialBatchWaitsForItsWindowAndThenGoesWithWhatItHolds() throws Exception {
		BalanceLoader loader = loader(3);
		CompletableFuture<BalanceLoader.Lookup> request = CompletableFuture
			.supplyAsync(() -> loader.load(QUERY, List.of("E1", "E2", "E3", "E4", "E5"), false), this.requests);

		CountDownLatch window = this.windows.next();

		// The full batch went at once; the partial one waits.
		assertThat(this.calls).containsExactly(List.of("E1", "E2", "E3"));
		assertThat(this.windows.lengths).containsExactly(WINDOW);
		window.countDown();

		assertThat(request.get().employees()).containsOnlyKeys("E1", "E2", "E3", "E4", "E5");
		assertThat(this.calls).containsExactly(List.of("E1", "E2", "E3"), List.of("E4", "E5"));
	}

	@Test
	void missesOfOtherRequestsJoinAnOpenBatchAndAFullOneGoesBeforeItsWindowHasPassed() throws Exception {
		BalanceLoader loader = loader(3);
		CompletableFuture<BalanceLoader.Lookup> first = CompletableFuture
			.supplyAsync(() -> loader.load(QUERY, List.of("E1"), false), this.requests);
		this.windows.next();

		// Joins the first request's batch, fills it, and so sends it: no window passes.
		BalanceLoader.Lookup second = loader.load(QUERY, List.of("E2", "E3"), false);

		assertThat(this.calls).containsExactly(List.of("E1", "E2", "E3"));
		assertThat(second.employees()).containsOnlyKeys("E2", "E3").doesNotContainValue(null);
		assertThat(first.get().employees()).containsOnlyKeys("E1").doesNotContainValue(null);
		assertThat(this.windows.opened).hasValue(1);
	}

	@Test
	void concurrentRequestsForTheSameEmployeeShareOneCall() throws Exception {
		BalanceLoader loader = loader(1);
		this.feishuAnswers = new CountDownLatch(1);
		CompletableFuture<BalanceLoader.Lookup> first = CompletableFuture
			.supplyAsync(() -> loader.load(QUERY, List.of("E1"), false), this.requests);
		await().until(() -> this.calls.size() == 1);
		CompletableFuture<BalanceLoader.Lookup> second = new CompletableFuture<>();
		Thread secondRequest = new Thread(() -> second.complete(loader.load(QUERY, List.of("E1"), false)));
		secondRequest.start();

		// Parked on the first request's fetch, which Feishu has not answered yet.
		await().until(() -> secondRequest.getState() == Thread.State.WAITING);
		this.feishuAnswers.countDown();

		assertThat(this.calls).containsExactly(List.of("E1"));
		assertThat(second.get().employees().get("E1")).isSameAs(first.get().employees().get("E1"));
		// Not from the cache: the answer was still under way when it was asked for.
		assertThat(second.get().cached()).isZero();
	}

	@Test
	void aFailedCallFailsOnlyItsOwnBatchAndLeavesNothingInTheCache() {
		BalanceLoader loader = loader(2);
		this.failing.add("E1");

		assertThatIllegalStateException().isThrownBy(() -> loader.load(QUERY, List.of("E1", "E2", "E3", "E4"), false))
			.withMessage("Feishu failed");
		assertThat(this.calls).containsExactly(List.of("E1", "E2"), List.of("E3", "E4"));

		// The other batch was answered and cached; the failed one is asked again.
		this.failing.clear();
		assertThat(loader.load(QUERY, List.of("E3", "E4"), false).cached()).isEqualTo(2);
		BalanceLoader.Lookup retried = loader.load(QUERY, List.of("E1", "E2"), false);
		assertThat(retried.cached()).isZero();
		assertThat(retried.employees()).doesNotContainValue(null);
		assertThat(this.calls).containsExactly(List.of("E1", "E2"), List.of("E3", "E4"), List.of("E1", "E2"));
	}

	@Test
	void anEmployeeFeishuDoesNotKnowIsNullAndNotCached() {
		BalanceLoader loader = loader(1);
		this.unknown.add("U1");

		Map<String, Employee> found = loader.load(QUERY, List.of("E1", "U1"), false).employees();

		assertThat(found).containsOnlyKeys("E1", "U1");
		assertThat(found.get("U1")).isNull();
		BalanceLoader.Lookup again = loader.load(QUERY, List.of("E1", "U1"), false);
		assertThat(again.cached()).isEqualTo(1);
		assertThat(this.calls).containsExactly(List.of("E1"), List.of("U1"), List.of("U1"));
	}

	private BalanceLoader loader(int maxSize) {
		CaffeineCacheManager caches = new CaffeineCacheManager();
		caches.setAllowNullValues(false);
		caches.registerCustomCache(CacheProperties.BALANCES, Caffeine.newBuilder().buildAsync());
		return new BalanceLoader(caches, this.feishu, new BatchingProperties(WINDOW, maxSize), this.windows);
	}

	private static Employee employee(String id) {
		return new Employee(id, null, Map.of(), QUERY.asOfDate(), List.of(), Instant.EPOCH);
	}

	/**
	 * Batch windows that pass only when a test counts down the latch {@link #next} hands
	 * it; a batch that fills meanwhile counts it down itself.
	 */
	private static final class ManualWindows implements BatchWindow {

		private final BlockingQueue<CountDownLatch> waiting = new LinkedBlockingQueue<>();

		private final List<Duration> lengths = new CopyOnWriteArrayList<>();

		private final AtomicInteger opened = new AtomicInteger();

		@Override
		public void await(CountDownLatch full, Duration window) throws InterruptedException {
			this.opened.incrementAndGet();
			this.lengths.add(window);
			this.waiting.add(full);
			full.await();
			this.waiting.remove(full);
		}

		/** Blocks until a batch waits for its window; counting down ends the wait. */
		CountDownLatch next() throws InterruptedException {
			return this.waiting.take();
		}

	}

}
