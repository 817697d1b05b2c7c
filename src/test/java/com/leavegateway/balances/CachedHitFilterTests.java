package com.leavegateway.balances;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.leave.UserIdType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The hit filter answers a plain one-employee hit itself and hands everything else to the
 * controller (the whole-stack answers are pinned in {@link CachedAnswerBytesApiTests}).
 */
class CachedHitFilterTests {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	private static final BalanceQuery QUERY = new BalanceQuery(UserIdType.PEOPLE_COREHR_ID, LocalDate.of(2025, 6, 2),
			ZoneId.of("Asia/Shanghai"), false);

	private static final Employee E1 = new Employee("E1", null, Map.of("zh-CN", "张三"), QUERY.asOfDate(), List.of(),
			Instant.parse("2025-06-01T20:30:00Z"));

	private final BalanceService balances = mock(BalanceService.class);

	private final CachedHitFilter filter = new CachedHitFilter(this.balances, new EmployeeAnswers(JSON));

	@BeforeEach
	void e1IsCached() {
		given(this.balances.query(any())).willReturn(QUERY);
		given(this.balances.fresh(eq(QUERY), eq("E1"))).willReturn(new BalanceLoader.Hit(CachedEmployee.of(E1), 300));
	}

	@Test
	void aHitIsAnsweredFromItsBytesWithoutTheController() throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request("/api/v1/employees/E1/leave-balances"), response, chain);

		assertThat(chain.getRequest()).isNull();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString(StandardCharsets.UTF_8))
			.isEqualTo(JSON.writeValueAsString(E1.localized(null)));
		assertThat(response.getContentType()).isEqualTo("application/json");
		assertThat(response.getHeader("Cache-Status")).isEqualTo("feishu-leave-gateway; hit; ttl=300");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-cache, private");
		String etag = response.getHeader("ETag");
		assertThat(etag).matches("\"0[0-9a-f]{32}\"");

		MockHttpServletRequest again = request("/api/v1/employees/E1/leave-balances");
		again.addHeader("If-None-Match", etag);
		MockHttpServletResponse notModified = new MockHttpServletResponse();
		this.filter.doFilter(again, notModified, new MockFilterChain());

		assertThat(notModified.getStatus()).isEqualTo(304);
		assertThat(notModified.getContentAsByteArray()).isEmpty();
		assertThat(notModified.getHeader("ETag")).isEqualTo(etag);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "NONE", textBlock = """
			/api/v1/employees/E2/leave-balances               | NONE                  | NONE
			/api/v1/employees/E1/leave-balances               | Cache-Control         | no-cache
			/api/v1/employees/E1/leave-balances               | Cache-Control         | max-stale=60
			/api/v1/employees/E1/leave-balances               | Accept                | text/csv
			/api/v1/employees/E1/leave-balances               | Accept                | application/json;q=0
			/api/v1/employees/%45%31/leave-balances           | NONE                  | NONE
			/api/v1/employees/E1/leave-balances/x             | NONE                  | NONE
			""")
	void anythingButAPlainHitGoesToTheController(String path, String header, String value) throws Exception {
		MockHttpServletRequest request = request(path);
		if (header != null) {
			request.addHeader(header, value);
		}
		MockFilterChain chain = new MockFilterChain();

		this.filter.doFilter(request, new MockHttpServletResponse(), chain);

		assertThat(chain.getRequest()).isSameAs(request);
	}

	@Test
	void aParameterGivenTwiceOrAPostGoesToTheController() throws Exception {
		MockHttpServletRequest twice = request("/api/v1/employees/E1/leave-balances");
		twice.addParameter("asOfDate", "2025-06-02", "2025-06-02");
		MockHttpServletRequest post = request("/api/v1/employees/E1/leave-balances");
		post.setMethod("POST");

		for (MockHttpServletRequest request : List.of(twice, post)) {
			MockFilterChain chain = new MockFilterChain();
			this.filter.doFilter(request, new MockHttpServletResponse(), chain);
			assertThat(chain.getRequest()).isSameAs(request);
		}
	}

	private static MockHttpServletRequest request(String path) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
		request.addHeader("Accept", "application/json");
		return request;
	}

}
