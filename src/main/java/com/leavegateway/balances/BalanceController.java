package com.leavegateway.balances;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.leavegateway.cache.CacheStatus;
import com.leavegateway.cache.RequestCacheControl;
import com.leavegateway.web.Futures;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.problem.AnswersProblems;
import com.leavegateway.problem.ApiException;
import com.leavegateway.web.ApiExamples;
import com.leavegateway.web.AsyncAnswers;
import com.leavegateway.web.JsonParts;
import com.leavegateway.web.RequestParameters;

import static com.leavegateway.problem.ProblemCode.COORDINATION_UNAVAILABLE;
import static com.leavegateway.problem.ProblemCode.EMPLOYEE_NOT_FOUND;
import static com.leavegateway.problem.ProblemCode.INVALID_PARAMETER;
import static com.leavegateway.problem.ProblemCode.NOT_ACCEPTABLE;
import static com.leavegateway.problem.ProblemCode.QUOTA_EXHAUSTED;
import static com.leavegateway.problem.ProblemCode.UNAUTHORIZED;
import static com.leavegateway.problem.ProblemCode.UPSTREAM_AUTH_FAILED;
import static com.leavegateway.problem.ProblemCode.UPSTREAM_ERROR;
import static com.leavegateway.problem.ProblemCode.UPSTREAM_FORBIDDEN;
import static com.leavegateway.problem.ProblemCode.UPSTREAM_RATE_LIMITED;
import static com.leavegateway.problem.ProblemCode.UPSTREAM_TIMEOUT;
import static com.leavegateway.problem.ProblemCode.UPSTREAM_UNAVAILABLE;
import static com.leavegateway.problem.ProblemCode.UPSTREAM_UNREACHABLE;

/** Leave balances of many employees or one. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Leave balances", description = "Employees' leave balances as of a date, exact to the last decimal")
class BalanceController {

	/**
	 * The one-employee resource, as Spring MVC maps it (the class path and the method's).
	 */
	static final String EMPLOYEE_BALANCES = "/api/v1/employees/{employeeId}/leave-balances";

	/** RFC 9211: says how much of the answer came from the gateway's cache. */
	static final String CACHE_STATUS = "Cache-Status";

	private static final String EMPLOYEE_IDS = "Employee ids, repeated or comma-separated, 1 to "
			+ "gateway.max-employee-ids (1000); absent: every employee (all, or a limit at a time).";

	private static final String LANGUAGE = "Language of name and leaveTypeName (e.g. en-US); zh-CN when absent or "
			+ "unknown.";

	/**
	 * Personal data: no shared cache may keep it; a browser may, but must ask again each
	 * time, which the ETag makes cheap (304).
	 */
	static final String REVALIDATE_PRIVATELY = CacheControl.noCache().cachePrivate().getHeaderValue();

	private static final MediaType CSV_UTF8 = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final BalanceService balances;

	private final JsonMapper json;

	private final EmployeeAnswers answers;

	BalanceController(BalanceService balances, JsonMapper json, EmployeeAnswers answers) {
		this.balances = balances;
		this.json = json;
		this.answers = answers;
	}

	/**
	 * Leave balances of the named employees, or of every employee: all of them, or a
	 * {@code limit} at a time (then each page but the last has a {@code nextCursor} to
	 * send as {@code cursor}; a list of ids pages the same way). The whole listing is
	 * expensive the first time: Feishu sends 20 employees a call, so the sandbox's 1,200
	 * employees take 60 calls, 60 % of Feishu's 100 calls a minute (4.6 s and 2.1 MB on
	 * the sandbox; a second cold listing within the minute gets 429). Within the
	 * balances' ttl ({@code gateway.cache.balances.ttl}) the listing's roster and
	 * employees are cached: a repeat, and every page, costs no call but for employees the
	 * cache has lost. Ids Feishu does not know are listed in notFound; they do not cost
	 * the others their answer. Answers come from the cache when they can (Cache-Status
	 * says; {@code Cache-Control: no-cache} asks Feishu again) and carry an ETag.
	 * {@code Accept: text/csv} or {@code application/x-ndjson} streams the same data as
	 * an export.
	 */
	@Operation(summary = "Leave balances of many employees")
	@ApiResponse(responseCode = "200", description = "The balances; CSV and NDJSON are streamed as Feishu answers",
			content = {
					@Content(mediaType = "application/json",
							schema = @Schema(implementation = LeaveBalancesResponse.class)),
					@Content(mediaType = "text/csv",
							schema = @Schema(type = "string",
									description = "Header row, then one row per employee and leave type; "
											+ "one row per employee Feishu refused or failed on, with only "
											+ "employeeId and error (its code) filled")),
					@Content(mediaType = "application/x-ndjson",
							schema = @Schema(implementation = Employee.class,
									description = "One Employee per line; for an employee Feishu refused or "
											+ "failed on, {employeeId, error, feishuCode, feishuMsg}")) })
	@AnswersProblems({ INVALID_PARAMETER, UNAUTHORIZED, NOT_ACCEPTABLE, QUOTA_EXHAUSTED, COORDINATION_UNAVAILABLE,
			UPSTREAM_RATE_LIMITED, UPSTREAM_ERROR, UPSTREAM_FORBIDDEN, UPSTREAM_AUTH_FAILED, UPSTREAM_UNREACHABLE,
			UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT })
	@GetMapping(path = "/leave-balances", produces = MediaType.APPLICATION_JSON_VALUE)
	// Object: the answer itself for a cache hit, a DeferredResult for a miss.
	Object leaveBalances(
			@Parameter(description = EMPLOYEE_IDS, example = ApiExamples.EMPLOYEE_IDS) @RequestParam(
					required = false) @Nullable List<String> employeeIds,
			@ParameterObject BalanceParameters parameters, @ParameterObject ListingParameters paging,
			@Parameter(description = LANGUAGE, example = "en-US") @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE,
					required = false) @Nullable String acceptLanguage,
			@Parameter(description = RequestCacheControl.DESCRIPTION) @RequestHeader(name = HttpHeaders.CACHE_CONTROL,
					required = false) @Nullable String cacheControl) {
		List<String> ids = this.balances.employeeIds(employeeIds);
		BalanceQuery query = this.balances.query(parameters);
		return AsyncAnswers
			.of(Futures.map(this.balances.balances(query, ids, paging, RequestCacheControl.parse(cacheControl)),
					(result) -> ResponseEntity.ok()
						.header(HttpHeaders.CACHE_CONTROL, REVALIDATE_PRIVATELY)
						.header(CACHE_STATUS, result.cacheStatus().headerValue())
						.body(this.answers.list(result.frame(), result.employees(), acceptLanguage))));
	}

	/**
	 * The same resource as CSV (one row per employee and leave type) or NDJSON (one
	 * employee per line), streamed as Feishu's pages arrive: an export of every employee
	 * shows rows at once though it takes minutes in all. Documented as the other content
	 * types of the JSON operation.
	 */
	@Operation(hidden = true)
	@GetMapping(path = "/leave-balances", produces = { "text/csv", "application/x-ndjson" })
	ResponseEntity<StreamingResponseBody> exportLeaveBalances(
			@RequestParam(required = false) @Nullable List<String> employeeIds, BalanceParameters parameters,
			ListingParameters paging,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage,
			@RequestHeader(name = HttpHeaders.ACCEPT) String accept,
			@RequestHeader(name = HttpHeaders.CACHE_CONTROL, required = false) @Nullable String cacheControl,
			HttpServletRequest request, HttpServletResponse response) {
		List<String> ids = this.balances.employeeIds(employeeIds);
		BalanceQuery query = this.balances.query(parameters);
		paging.requireAbsent();
		MediaType format = exportFormat(accept);
		RequestCacheControl caching = RequestCacheControl.parse(cacheControl);
		ShallowEtagHeaderFilter.disableContentCaching(request);
		// Spring 7 hands a StreamingResponseBody a stream whose flush() does nothing
		// (unless the JVM-wide spring.http.response.flush.enabled is set), so pages would
		// reach the caller only at the very end. The servlet's own stream flushes;
		// content caching (the ETag filter) is off for this request.
		StreamingResponseBody body = (out) -> {
			BalanceExport export = new BalanceExport(format, query.includeOffboard(), this.json,
					response.getOutputStream());
			export.header();
			Consumer<List<Employee>> writer = export.pageWriter();
			this.balances.export(query, ids, caching,
					(employees) -> writer
						.accept(employees.stream().map((employee) -> employee.localized(acceptLanguage)).toList()),
					export.failedWriter());
		};
		return ResponseEntity.ok().contentType(format.equals(BalanceExport.CSV) ? CSV_UTF8 : format).body(body);
	}

	/**
	 * Leave balances of one employee; 404 EMPLOYEE_NOT_FOUND when Feishu does not know
	 * the id.
	 */
	@Operation(summary = "Leave balances of one employee")
	@ApiResponse(responseCode = "200", description = "The employee's balances",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = Employee.class)))
	@AnswersProblems({ INVALID_PARAMETER, UNAUTHORIZED, NOT_ACCEPTABLE, QUOTA_EXHAUSTED, COORDINATION_UNAVAILABLE,
			UPSTREAM_RATE_LIMITED, UPSTREAM_ERROR, UPSTREAM_FORBIDDEN, UPSTREAM_AUTH_FAILED, UPSTREAM_UNREACHABLE,
			UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT, EMPLOYEE_NOT_FOUND })
	// produces: a caller that accepts no JSON gets its 406 before Feishu is asked, not
	// after.
	@GetMapping(path = "/employees/{employeeId}/leave-balances", produces = MediaType.APPLICATION_JSON_VALUE)
	Object employeeLeaveBalances(
			@Parameter(description = "The employee's id in idType.",
					example = ApiExamples.EMPLOYEE_ID) @PathVariable String employeeId,
			@ParameterObject BalanceParameters parameters,
			@Parameter(description = LANGUAGE, example = "en-US") @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE,
					required = false) @Nullable String acceptLanguage,
			@Parameter(description = RequestCacheControl.DESCRIPTION) @RequestHeader(name = HttpHeaders.CACHE_CONTROL,
					required = false) @Nullable String cacheControl) {
		String id = RequestParameters.employeeId(employeeId);
		BalanceQuery query = this.balances.query(parameters);
		RequestCacheControl caching = RequestCacheControl.parse(cacheControl);
		// A plain hit is answered here and now, without the lookup machinery a miss (or a
		// stale entry, or a caller's own Cache-Control) needs.
		BalanceLoader.Hit hit = caching.equals(RequestCacheControl.NONE) ? this.balances.fresh(query, id) : null;
		if (hit != null) {
			return employeeAnswer(hit.entry(), CacheStatus.hit(hit.ttl()), acceptLanguage);
		}
		return AsyncAnswers.of(Futures.map(this.balances.balances(query, List.of(id), caching),
				(result) -> employeeAnswer(result.single().orElseThrow(ApiException::employeeNotFound),
						result.cacheStatus(), acceptLanguage)));
	}

	/**
	 * The entry's bytes with their own ETag: Spring answers a matching If-None-Match with
	 * 304, and the ETag filter leaves this resource alone.
	 */
	private ResponseEntity<JsonParts> employeeAnswer(CachedEmployee entry, CacheStatus cacheStatus,
			@Nullable String acceptLanguage) {
		CachedEmployee.Answer answer = this.answers.single(entry, acceptLanguage);
		return ResponseEntity.ok()
			.header(HttpHeaders.CACHE_CONTROL, REVALIDATE_PRIVATELY)
			.header(CACHE_STATUS, cacheStatus.headerValue())
			.eTag(answer.etag())
			.body(answer.json());
	}

	/**
	 * Whichever of text/csv and application/x-ndjson the caller accepts with the higher
	 * quality.
	 */
	private static MediaType exportFormat(String accept) {
		MediaType best = BalanceExport.CSV;
		double bestQuality = 0;
		for (MediaType type : MediaType.parseMediaTypes(accept)) {
			boolean export = type.equalsTypeAndSubtype(BalanceExport.CSV)
					|| type.equalsTypeAndSubtype(BalanceExport.NDJSON);
			if (export && type.getQualityValue() > bestQuality) {
				best = new MediaType(type.getType(), type.getSubtype());
				bestQuality = type.getQualityValue();
			}
		}
		return best;
	}

}
