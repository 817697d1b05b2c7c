package com.leavegateway.balances;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.leavegateway.support.CacheStatus;
import com.leavegateway.support.Concurrently;
import com.leavegateway.support.GatewayHttp;
import com.leavegateway.support.GatewayStackTest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.leavegateway.support.FeishuStandIn.balance;
import static com.leavegateway.support.FeishuStandIn.balancesCall;
import static com.leavegateway.support.FeishuStandIn.employee;
import static com.leavegateway.support.FeishuStandIn.ok;
import static com.leavegateway.support.FeishuStandIn.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listing of every employee, whole or paged with limit and cursor, over real HTTP
 * against a stand-in Feishu that counts its calls: Feishu's pages are read once per
 * balances ttl (the roster), repeats and pages come from the cache, and an employee the
 * cache lost is fetched alone.
 */
class ListingApiTests extends GatewayStackTest {

	private static final String EVERYONE = "/api/v1/leave-balances";

	/** Feishu's three pages: 20, 20 and 5 employees, E01 to E45. */
	private static final int EMPLOYEES = 45;

	@Test
	void aRepeatListingWithinTheTtlCostsNoFeishuCall() {
		feishuHasThreePages();

		GatewayHttp.Response first = this.gateway.get(EVERYONE);

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(ids(first.json())).isEqualTo(allIds());
		assertThat(first.json().has("nextCursor")).isFalse();
		assertThat(this.standIn.balanceRequests()).hasSize(3);

		GatewayHttp.Response repeat = this.gateway.get(EVERYONE);

		assertThat(repeat.status()).isEqualTo(200);
		assertThat(repeat.cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(repeat.json().path("employees")).isEqualTo(first.json().path("employees"));
		assertThat(this.standIn.balanceRequests()).hasSize(3);
	}

	@Test
	void aPagedWalkGivesTheWholeListingInOrderOncePerEmployeeFromTheCache() {
		feishuHasThreePages();
		List<String> whole = ids(this.gateway.get(EVERYONE).json());
		this.standIn.forgetRequests();

		List<String> walked = new ArrayList<>();
		List<Integer> sizes = new ArrayList<>();
		GatewayHttp.Response page = this.gateway.get(EVERYONE + "?limit=20");
		while (true) {
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			assertThat(page.cacheStatus()).isEqualTo(CacheStatus.HIT);
			walked.addAll(ids(page.json()));
			sizes.add(page.json().path("employees").size());
			if (!page.json().has("nextCursor")) {
				break;
			}
			page = this.gateway.get(EVERYONE + "?limit=7&cursor=" + page.json().path("nextCursor").stringValue());
		}

		assertThat(walked).isEqualTo(whole).doesNotHaveDuplicates();
		assertThat(sizes).containsExactly(20, 7, 7, 7, 4);
		assertThat(this.standIn.balanceRequests()).isEmpty();
	}

	@Test
	void aColdPagedWalkReadsEachOfFeishusPagesOnceAndOnlyAsFarAsAsked() {
		feishuHasThreePages();

		GatewayHttp.Response first = this.gateway.get(EVERYONE + "?limit=7");

		assertThat(first.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(ids(first.json())).isEqualTo(allIds().subList(0, 7));
		assertThat(this.standIn.balanceRequests()).hasSize(1);

		List<String> walked = new ArrayList<>(ids(first.json()));
		GatewayHttp.Response page = first;
		while (page.json().has("nextCursor")) {
			page = this.gateway.get(EVERYONE + "?limit=7&cursor=" + page.json().path("nextCursor").stringValue());
			assertThat(page.status()).as(page.body()).isEqualTo(200);
			walked.addAll(ids(page.json()));
		}

		assertThat(walked).isEqualTo(allIds());
		assertThat(this.standIn.balanceRequests()).hasSize(3);
		GatewayHttp.Response whole = this.gateway.get(EVERYONE);
		assertThat(whole.cacheStatus()).isEqualTo(CacheStatus.HIT);
		assertThat(ids(whole.json())).isEqualTo(allIds());
		assertThat(this.standIn.balanceRequests()).hasSize(3);
	}

	/**
	 * Listings and pages that arrive together share the roster and each of Feishu's
	 * pages: one call per page in all, however many callers wait for it.
	 */
	@Test
	void concurrentColdListingsReadEachOfFeishusPagesOnce() {
		feishuHasThreePages(300);

		List<GatewayHttp.Response> answers = Concurrently.run(4,
				(i) -> this.gateway.get(EVERYONE + ((i % 2 == 0) ? "" : "?limit=45")));

		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
			assertThat(ids(answer.json())).isEqualTo(allIds());
		});
		assertThat(this.standIn.balanceRequests()).hasSize(3);
	}

	@Test
	void anEvictedEmployeeIsFetchedAloneAndTheOthersComeFromTheCache() {
		feishuHasThreePages();
		this.gateway.get(EVERYONE);
		this.standIn.balancesOf(List.of("E23"), employee("E23", "二十三", balance("7001", "年假", 1, "9.5")));
		this.standIn.forgetRequests();

		GatewayHttp.Response evicted = this.gateway.request("DELETE", "/api/v1/admin/caches/employees/E23", ADMIN_KEY);
		assertThat(evicted.status()).isEqualTo(204);
		GatewayHttp.Response listing = this.gateway.get(EVERYONE);

		assertThat(listing.cacheStatus()).isEqualTo(CacheStatus.PARTIAL);
		assertThat(ids(listing.json())).isEqualTo(allIds());
		assertThat(listing.json().path("employees").path(22).path("balances").path(0).path("balance").decimalValue())
			.isEqualByComparingTo("9.5");
		assertThat(this.standIn.balanceRequests()).singleElement()
			.satisfies((request) -> assertThat(request.queryParameter("employment_id_list").values())
				.containsExactly("E23"));
	}

	@Test
	void evictingEveryCacheDropsTheRosterToo() {
		feishuHasThreePages();
		this.gateway.get(EVERYONE);

		assertThat(this.gateway.request("DELETE", "/api/v1/admin/caches", ADMIN_KEY).status()).isEqualTo(204);
		GatewayHttp.Response listing = this.gateway.get(EVERYONE + "?limit=20");

		assertThat(listing.cacheStatus()).isEqualTo(CacheStatus.MISS);
		assertThat(this.standIn.balanceRequests()).hasSize(4);
		assertThat(this.standIn.balanceRequests().get(3).getUrl()).doesNotContain("page_token", "employment_id_list");
	}

	@Test
	void noCacheOnTheWholeListingReadsFeishusPagesAgain() {
		feishuHasThreePages();
		this.gateway.get(EVERYONE);

		GatewayHttp.Response refreshed = this.gateway.get(EVERYONE, "Cache-Control", "no-cache");

		assertThat(refreshed.cacheStatus()).isEqualTo(CacheStatus.REFRESHED);
		assertThat(ids(refreshed.json())).isEqualTo(allIds());
		assertThat(this.standIn.balanceRequests()).hasSize(6);
	}

	/**
	 * A page that got no answer leaves Feishu's paging intact: the next listing reads on
	 * from that page instead of from the first (a quota refusal in the middle of a
	 * listing is the same case).
	 */
	@Test
	void afterAPageTimedOutTheNextListingReadsOnFromThatPage() {
		feishuHasThreePages();
		this.standIn.stub(balancesCall().atPriority(1)
			.withQueryParam("page_token", equalTo("p2"))
			.willReturn(ok(page(false, null)).withFixedDelay(4000)));

		GatewayHttp.Response timedOut = this.gateway.get(EVERYONE);

		assertThat(timedOut.status()).as(timedOut.body()).isEqualTo(504);
		feishu.removeStubMapping(feishu.getStubMappings()
			.stream()
			.filter((stub) -> stub.getPriority() != null && stub.getPriority() == 1)
			.findFirst()
			.orElseThrow());
		this.standIn.forgetRequests();

		GatewayHttp.Response healed = this.gateway.get(EVERYONE);

		assertThat(healed.status()).as(healed.body()).isEqualTo(200);
		assertThat(ids(healed.json())).isEqualTo(allIds());
		assertThat(this.standIn.balanceRequests())
			.extracting((request) -> request.queryParameter("page_token").values())
			.containsExactly(List.of("p2"), List.of("p3"));
	}

	@Test
	void noCacheOnAPageAsksFeishuAgainForItsEmployeesOnly() {
		feishuHasThreePages();
		this.gateway.get(EVERYONE);
		this.standIn.balancesOf(allIds().subList(0, 7), employees(allIds().subList(0, 7)));
		this.standIn.forgetRequests();

		GatewayHttp.Response refreshed = this.gateway.get(EVERYONE + "?limit=7", "Cache-Control", "no-cache");

		assertThat(refreshed.cacheStatus()).isEqualTo(CacheStatus.REFRESHED);
		assertThat(ids(refreshed.json())).isEqualTo(allIds().subList(0, 7));
		assertThat(this.standIn.balanceRequests()).singleElement()
			.satisfies((request) -> assertThat(request.queryParameter("employment_id_list").values())
				.isEqualTo(allIds().subList(0, 7)));
	}

	@Test
	void aListOfIdsIsPagedTheSameWayAndEachPageAsksFeishuForItsOwnIdsOnly() {
		this.standIn.balancesOf(List.of("A1", "A2"), employee("A1", "甲", balance("7001", "年假", 1, "1")),
				employee("A2", "乙", balance("7001", "年假", 1, "2")));
		this.standIn.balancesOf(List.of("A3"), employee("A3", "丙", balance("7001", "年假", 1, "3")));
		String named = EVERYONE + "?employeeIds=A1,A2,A3&limit=2";

		GatewayHttp.Response first = this.gateway.get(named);
		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(ids(first.json())).containsExactly("A1", "A2");
		String cursor = first.json().path("nextCursor").stringValue();
		GatewayHttp.Response last = this.gateway.get(named + "&cursor=" + cursor);

		assertThat(last.status()).as(last.body()).isEqualTo(200);
		assertThat(ids(last.json())).containsExactly("A3");
		assertThat(last.json().has("nextCursor")).isFalse();
		assertThat(this.standIn.balanceRequests())
			.extracting((request) -> request.queryParameter("employment_id_list").values())
			.containsExactly(List.of("A1", "A2"), List.of("A3"));
		// The cursor names the id before the page: another list is refused, not skipped
		// into.
		GatewayHttp.Response other = this.gateway.get(EVERYONE + "?employeeIds=B1,B2,B3&limit=2&cursor=" + cursor);
		assertThat(other.status()).isEqualTo(400);
		assertThat(other.json().path("parameter").stringValue()).isEqualTo("cursor");
	}

	@Test
	void aLimitAsLargeAsTheListingHasNoNextCursor() {
		feishuHasThreePages();

		GatewayHttp.Response all = this.gateway.get(EVERYONE + "?limit=500");

		assertThat(ids(all.json())).isEqualTo(allIds());
		assertThat(all.json().has("nextCursor")).isFalse();
	}

	@Test
	void aRepeatExportWithinTheTtlCostsNoFeishuCall() {
		feishuHasThreePages();
		this.gateway.get(EVERYONE);

		GatewayHttp.Response export = this.gateway.get(EVERYONE, "Accept", "application/x-ndjson");

		assertThat(export.status()).isEqualTo(200);
		assertThat(export.body().lines().map((line) -> line.substring(0, line.indexOf(',')))).hasSize(EMPLOYEES)
			.first()
			.isEqualTo("{\"employeeId\":\"E01\"");
		assertThat(this.standIn.balanceRequests()).hasSize(3);
	}

	@Test
	void noCacheOnAnExportReadsFeishusPagesAgainOnce() {
		feishuHasThreePages();
		this.gateway.get(EVERYONE);
		this.standIn.forgetRequests();

		GatewayHttp.Response export = this.gateway.get(EVERYONE, "Accept", "application/x-ndjson", "Cache-Control",
				"no-cache");

		assertThat(export.status()).isEqualTo(200);
		assertThat(export.body().lines()).hasSize(EMPLOYEES);
		assertThat(this.standIn.balanceRequests()).hasSize(3);
	}

	private void feishuHasThreePages() {
		feishuHasThreePages(0);
	}

	/** Each page answered after {@code delayMillis}. */
	private void feishuHasThreePages(int delayMillis) {
		List<String> ids = allIds();
		this.standIn.stub(balancesCall().withQueryParam("page_token", absent())
			.willReturn(ok(page(true, "p2", employees(ids.subList(0, 20)))).withFixedDelay(delayMillis)));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo("p2"))
			.willReturn(ok(page(true, "p3", employees(ids.subList(20, 40)))).withFixedDelay(delayMillis)));
		this.standIn.stub(balancesCall().withQueryParam("page_token", equalTo("p3"))
			.willReturn(ok(page(false, null, employees(ids.subList(40, EMPLOYEES)))).withFixedDelay(delayMillis)));
	}

	private static ObjectNode[] employees(List<String> ids) {
		return ids.stream()
			.map((id) -> employee(id, "员工" + id, balance("7001", "年假", 1, id.substring(1))))
			.toArray(ObjectNode[]::new);
	}

	private static List<String> allIds() {
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= EMPLOYEES; i++) {
			ids.add(String.format("E%02d", i));
		}
		return ids;
	}

	private static List<String> ids(JsonNode answer) {
		return answer.path("employees").findValuesAsString("employeeId");
	}

}
