package com.leavegateway.balances;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.cache.caffeine.CaffeineCacheManager;

import com.leavegateway.cache.CacheProperties;
import com.leavegateway.cache.RequestCacheControl;
import com.leavegateway.feishu.FeishuClient;
import com.leavegateway.feishu.LeaveBalances;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.leave.UserIdType;
import com.leavegateway.quota.Permit;
import com.leavegateway.quota.Priority;
import com.leavegateway.quota.Urgency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * {@link BalanceLoader} on its own: how cache misses become Feishu calls. Feishu's client
 * records the ids of each call and answers at once unless a test holds its answers; batch
 * windows pass only when a test runs them, so nothing here depends on timing. Nothing
 * here blocks either: a lookup is a future, complete or not.
 */
@Timeout(30)
class BalanceLoaderTests {

	private static final BalanceQuery QUERY = new BalanceQuery(UserIdType.PEOPLE_COREHR_ID, LocalDate.of(2025, 6, 2),
			ZoneId.of("Asia/Shanghai"), false);

	private static final Duration WINDOW = Duration.ofMillis(20);

	/** Entries are fetched at the epoch, and the clock stays there: all fresh. */
	static final CacheProperties PROPERTIES = new CacheProperties(
			new CacheProperties.Settings(Duration.ofMinutes(5), 100, Duration.ofHours(1)),
			new CacheProperties.Settings(Duration.ofMinutes(5), 100, Duration.ofHours(1)),
			new CacheProperties.Rosters(10), Duration.ofSeconds(30), new CacheProperties.RefreshAhead(true,
					Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(15)));

	private static final Urgency URGENCY = new Urgency(Priority.INTERACTIVE, 0, Duration.ofSeconds(10).toNanos());

	private final FeishuClient feishu = mock(FeishuClient.class);

	/** The ids of each call to Feishu, in order. */
	private final List<List<String>> calls = new CopyOnWriteArrayList<>();

	/** Ids Feishu does not know. */
	private final Set<String> unknown = ConcurrentHashMap.newKeySet();

	/** Ids whose call fails. */
	private final Set<String> failing = ConcurrentHashMap.newKeySet();

	/**
	 * Completed by a test to let calls answer; already complete unless a test replaces
	 * it.
	 */
	private volatile CompletableFuture<Void> feishuAnswers = CompletableFuture.completedFuture(null);

	/**
	 * What a batch's wait for its permit gives; a granted permit unless a test replaces
	 * it.
	 */
	private volatile CompletableFuture<Permit> permits = CompletableFuture.completedFuture(mock(Permit.class));

	private final ManualWindows windows = new ManualWindows();

	private AsyncCache<Object, Object> cache;

	@BeforeEach
	void feishuAnswersTheEmployeesItKnows() {
		given(this.feishu.admitBalanceCalls(any(), anyInt())).willReturn(CompletableFuture.completedFuture(null));
		given(this.feishu.leaveBalancesPermit(any())).willAnswer((invocation) -> this.permits);
		given(this.feishu.leaveBalances(eq(QUERY), any(), any(), any())).willAnswer((invocation) -> {
			List<String> ids = List.copyOf(invocation.<List<String>>getArgument(1));
			this.calls.add(ids);
			return this.feishuAnswers.thenApply((answered) -> {
				if (ids.stream().anyMatch(this.failing::contains)) {
					throw new IllegalStateException("Feishu failed");
				}
				return new LeaveBalances(ids.stream()
					.filter((id) -> !this.unknown.contains(id))
					.map(BalanceLoaderTests::employee)
					.toList(), List.of());
			});
		});
	}

	@Test
	void aFullBatchGoesAtOnceWithoutWaitingForItsWindow() {
		CompletableFuture<BalanceLoader.Lookup> lookup = loader(3).load(QUERY, List.of("E1", "E2", "E3"),
				RequestCacheControl.NONE, URGENCY);

		assertThat(this.calls).containsExactly(List.of("E1", "E2", "E3"));
		assertThat(lookup).isCompleted();
		assertThat(lookup.join().entries()).containsOnlyKeys("E1", "E2", "E3").doesNotContainValue(null);
		assertThat(lookup.join().cached()).isZero();
	}

	@Test
	void aPartialBatchWaitsForItsWindowAndThenGoesWithWhatItHolds() throws Exception {
		CompletableFuture<BalanceLoader.Lookup> request = loader(3).load(QUERY, List.of("E1", "E2", "E3", "E4", "E5"),
				RequestCacheControl.NONE, URGENCY);

		// The full batch went at once; the partial one waits, and so does the request.
		assertThat(this.calls).containsExactly(List.of("E1", "E2", "E3"));
		assertThat(request).isNotDone();
		this.windows.pass(this.windows.lengths.size() - 1);

		assertThat(request.join().entries()).containsOnlyKeys("E1", "E2", "E3", "E4", "E5");
		assertThat(this.calls).containsExactly(List.of("E1", "E2", "E3"), List.of("E4", "E5"));
		assertThat(this.windows.lengths).allMatch(WINDOW::equals);
	}

	@Test
	void missesOfOtherRequestsJoinAnOpenBatchAndAFullOneGoesBeforeItsWindowHasPassed() {
		BalanceLoader loader = loader(3);
		CompletableFuture<BalanceLoader.Lookup> first = loader.load(QUERY, List.of("E1"), RequestCacheControl.NONE,
				URGENCY);
		assertThat(first).isNotDone();

		// Joins the first request's batch, fills it, and so sends it: no window passes.
		CompletableFuture<BalanceLoader.Lookup> second = loader.load(QUERY, List.of("E2", "E3"),
				RequestCacheControl.NONE, URGENCY);

		assertThat(this.calls).containsExactly(List.of("E1", "E2", "E3"));
		assertThat(second.join().entries()).containsOnlyKeys("E2", "E3").doesNotContainValue(null);
		assertThat(first.join().entries()).containsOnlyKeys("E1").doesNotContainValue(null);
	}

	@Test
	void batchesOfOneRequestGoTogetherEachAsItsPermitComes() {
		this.feishuAnswers = new CompletableFuture<>();
		CompletableFuture<BalanceLoader.Lookup> request = loader(2).load(QUERY, List.of("E1", "E2", "E3", "E4"),
				RequestCacheControl.NONE, URGENCY);

		// Both calls are out before either answers.
		assertThat(this.calls).containsExactly(List.of("E1", "E2"), List.of("E3", "E4"));
		assertThat(request).isNotDone();
		this.feishuAnswers.complete(null);
		assertThat(request.join().entries()).doesNotContainValue(null);
	}

	@Test
	void concurrentRequestsForTheSameEmployeeShareOneCall() {
		BalanceLoader loader = loader(1);
		this.feishuAnswers = new CompletableFuture<>();
		CompletableFuture<BalanceLoader.Lookup> first = loader.load(QUERY, List.of("E1"), RequestCacheControl.NONE,
				URGENCY);
		CompletableFuture<BalanceLoader.Lookup> second = loader.load(QUERY, List.of("E1"), RequestCacheControl.NONE,
				URGENCY);
		assertThat(second).isNotDone();

		this.feishuAnswers.complete(null);

		assertThat(this.calls).containsExactly(List.of("E1"));
		assertThat(second.join().entries().get("E1")).isSameAs(first.join().entries().get("E1"));
		// Not from the cache: the answer was still under way when it was asked for.
		assertThat(second.join().cached()).isZero();
	}

	@Test
	void onlyAFetchedEntryIsCachedNeitherOneUnderWayNorAnUnknownEmployee() {
		BalanceLoader loader = loader(1);
		this.unknown.add("U1");
		this.feishuAnswers = new CompletableFuture<>();
		CompletableFuture<BalanceLoader.Lookup> request = loader.load(QUERY, List.of("E1", "U1"),
				RequestCacheControl.NONE, URGENCY);

		assertThat(loader.cached(QUERY, "E1")).isNull();
		this.feishuAnswers.complete(null);

		assertThat(loader.cached(QUERY, "E1")).isSameAs(request.join().entries().get("E1")).isNotNull();
		assertThat(loader.cached(QUERY, "U1")).isNull();
		assertThat(loader.cached(QUERY, "E2")).isNull();
	}

	@Test
	void aFailedCallFailsOnlyItsOwnBatchAndLeavesNothingInTheCache() {
		BalanceLoader loader = loader(2);
		this.failing.add("E1");

		assertThat(loader.load(QUERY, List.of("E1", "E2", "E3", "E4"), RequestCacheControl.NONE, URGENCY))
			.failsWithin(Duration.ofSeconds(5))
			.withThrowableOfType(Exception.class)
			.havingRootCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessage("Feishu failed");
		assertThat(this.calls).containsExactly(List.of("E1", "E2"), List.of("E3", "E4"));

		// The other batch was answered and cached; the failed one is asked again.
		this.failing.clear();
		assertThat(loader.load(QUERY, List.of("E3", "E4"), RequestCacheControl.NONE, URGENCY).join().cached())
			.isEqualTo(2);
		BalanceLoader.Lookup retried = loader.load(QUERY, List.of("E1", "E2"), RequestCacheControl.NONE, URGENCY)
			.join();
		assertThat(retried.cached()).isZero();
		assertThat(retried.entries()).doesNotContainValue(null);
		assertThat(this.calls).containsExactly(List.of("E1", "E2"), List.of("E3", "E4"), List.of("E1", "E2"));
	}

	@Test
	void anEmployeeFeishuDoesNotKnowIsNullAndNotCached() {
		BalanceLoader loader = loader(1);
		this.unknown.add("U1");

		Map<String, CachedEmployee> found = loader.load(QUERY, List.of("E1", "U1"), RequestCacheControl.NONE, URGENCY)
			.join()
			.entries();

		assertThat(found).containsOnlyKeys("E1", "U1");
		assertThat(found.get("U1")).isNull();
		BalanceLoader.Lookup again = loader.load(QUERY, List.of("E1", "U1"), RequestCacheControl.NONE, URGENCY).join();
		assertThat(again.cached()).isEqualTo(1);
		assertThat(this.calls).containsExactly(List.of("E1"), List.of("U1"), List.of("U1"));
	}

	@Test
	void aRequestRefusedAtAdmissionAsksForNoPermitAndMakesNoCall() {
		given(this.feishu.admitBalanceCalls(eq(URGENCY), eq(3)))
			.willReturn(CompletableFuture.failedFuture(new IllegalStateException("over budget")));

		CompletableFuture<BalanceLoader.Lookup> refused = loader(20).load(QUERY,
				List.of("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9", "E10", "E11", "E12", "E13", "E14", "E15",
						"E16", "E17", "E18", "E19", "E20", "E21", "E22", "E23", "E24", "E25", "E26", "E27", "E28",
						"E29", "E30", "E31", "E32", "E33", "E34", "E35", "E36", "E37", "E38", "E39", "E40", "E41"),
				RequestCacheControl.NONE, URGENCY);

		assertThat(refused).isCompletedExceptionally();
		verify(this.feishu, never()).leaveBalancesPermit(any());
		assertThat(this.calls).isEmpty();
		assertThat(this.cache.asMap()).isEmpty();
	}

	@Test
	void aBatchEveryRequestGaveUpOnBeforeItsCallGivesUpItsPermitWaitAndItsEntries() {
		this.permits = new CompletableFuture<>();
		BalanceLoader loader = loader(1);
		CompletableFuture<BalanceLoader.Lookup> first = loader.load(QUERY, List.of("E1"), RequestCacheControl.NONE,
				URGENCY);
		CompletableFuture<BalanceLoader.Lookup> second = loader.load(QUERY, List.of("E1"), RequestCacheControl.NONE,
				URGENCY);

		first.cancel(false);
		// Another request still wants the answer: the wait goes on.
		assertThat(this.permits).isNotDone();

		second.cancel(false);
		assertThat(this.permits).isCancelled();
		assertThat(this.cache.asMap()).isEmpty();
		assertThat(this.calls).isEmpty();
	}

	@Test
	void aPermitThatComesForABatchStillWantedIsUsedEvenIfARequestLeavesAfterwards() {
		this.feishuAnswers = new CompletableFuture<>();
		BalanceLoader loader = loader(1);
		CompletableFuture<BalanceLoader.Lookup> request = loader.load(QUERY, List.of("E1"), RequestCacheControl.NONE,
				URGENCY);
		assertThat(this.calls).containsExactly(List.of("E1"));

		request.cancel(false);
		this.feishuAnswers.complete(null);

		// The call was made; its answer is kept for the next request.
		assertThat(loader.load(QUERY, List.of("E1"), RequestCacheControl.NONE, URGENCY).join().cached()).isEqualTo(1);
	}

	@Test
	void aRequestTakingAnEntryJustAsTheLastRequestForItsBatchGivesUpStillGetsItsAnswer() {
		this.permits = new CompletableFuture<>();
		BalanceLoader loader = loader(2);
		CompletableFuture<BalanceLoader.Lookup> leaving = loader.load(QUERY, List.of("E1", "E2"),
				RequestCacheControl.NONE, URGENCY);
		// The second request comes for E2 while the batch is being given up: after the
		// last request left, before E2's entry fails (too late to keep the batch).
		CompletableFuture<CompletableFuture<BalanceLoader.Lookup>> arriving = new CompletableFuture<>();
		entry("E1").whenComplete((employee, failure) -> {
			this.permits = CompletableFuture.completedFuture(mock(Permit.class));
			arriving.complete(loader.load(QUERY, List.of("E2"), RequestCacheControl.NONE, URGENCY));
		});

		leaving.cancel(false);
		this.windows.pass(this.windows.lengths.size() - 1);

		BalanceLoader.Lookup answered = arriving.join().join();
		assertThat(answered.entries()).containsOnlyKeys("E2").doesNotContainValue(null);
		assertThat(this.calls).containsExactly(List.of("E2"));
	}

	@Test
	void noIdJoinsABatchEveryRequestHasGivenUp() {
		this.permits = new CompletableFuture<>();
		BalanceLoader loader = loader(3);
		CompletableFuture<BalanceLoader.Lookup> leaving = loader.load(QUERY, List.of("E1"), RequestCacheControl.NONE,
				URGENCY);
		// Its window passed: the batch waits for its permit, still open for more ids.
		this.windows.pass(0);
		CompletableFuture<CompletableFuture<BalanceLoader.Lookup>> arriving = new CompletableFuture<>();
		this.permits.whenComplete((permit, failure) -> {
			this.permits = CompletableFuture.completedFuture(mock(Permit.class));
			arriving.complete(loader.load(QUERY, List.of("E1", "E2"), RequestCacheControl.NONE, URGENCY));
		});

		leaving.cancel(false);
		this.windows.pass(this.windows.lengths.size() - 1);

		BalanceLoader.Lookup answered = arriving.join().join();
		assertThat(answered.entries()).containsOnlyKeys("E1", "E2").doesNotContainValue(null);
		assertThat(this.calls).containsExactly(List.of("E1", "E2"));
	}

	private BalanceLoader loader(int maxSize) {
		CaffeineCacheManager caches = new CaffeineCacheManager();
		caches.setAllowNullValues(false);
		this.cache = Caffeine.newBuilder().buildAsync();
		caches.registerCustomCache(CacheProperties.BALANCES, this.cache);
		return new BalanceLoader(caches, this.feishu, new BatchingProperties(WINDOW, maxSize), this.windows,
				SharedBalances.NONE, PROPERTIES, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new SimpleMeterRegistry());
	}

	/** The cache's entry for an employee of {@link #QUERY}: its answer or its fetch. */
	private CompletableFuture<?> entry(String id) {
		return (CompletableFuture<?>) this.cache.asMap().get(new BalanceKey(QUERY, id));
	}

	private static Employee employee(String id) {
		return new Employee(id, null, Map.of(), QUERY.asOfDate(), List.of(), Instant.EPOCH);
	}

	/** Batch windows that pass only when a test runs them. */
	private static final class ManualWindows implements BatchWindow {

		private final BlockingQueue<Runnable> waiting = new LinkedBlockingQueue<>();

		private final List<Duration> lengths = new CopyOnWriteArrayList<>();

		private final List<Runnable> scheduled = new CopyOnWriteArrayList<>();

		@Override
		public void schedule(Runnable send, Duration window) {
			this.lengths.add(window);
			this.scheduled.add(send);
			this.waiting.add(send);
		}

		/** Lets the window of the {@code index}th batch opened pass. */
		void pass(int index) {
			this.scheduled.get(index).run();
		}

	}

}
