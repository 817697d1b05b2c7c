package com.leavegateway.balances;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

import com.leavegateway.balances.BatchingProperties;
import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.leave.Employee;
import com.leavegateway.problem.ApiException;
import com.leavegateway.web.ApiExamples;
import com.leavegateway.web.GatewayProperties;
import com.leavegateway.web.RequestParameters;

/** Leave balances of many employees or one. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Leave balances", description = "Employees' leave balances as of a date, exact to the last decimal")
class BalanceController {

	/** RFC 9211: says how much of the answer came from the gateway's cache. */
	static final String CACHE_STATUS = "Cache-Status";

	/**
	 * Personal data: no shared cache may keep it; a browser may, but must ask again each
	 * time, which the ETag makes cheap (304).
	 */
	private static final CacheControl REVALIDATE_PRIVATELY = CacheControl.noCache().cachePrivate();

	private static final MediaType CSV_UTF8 = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final BalanceService balances;

	private final GatewayProperties properties;

	private final BatchingProperties batching;

	private final JsonMapper json;

	private final Clock clock;

	BalanceController(BalanceService balances, GatewayProperties properties, BatchingProperties batching,
			JsonMapper json, Clock clock) {
		this.balances = balances;
		this.properties = properties;
		this.batching = batching;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Leave balances of the named employees, or of every employee (all of Feishu's pages
	 * gathered). Ids Feishu does not know are listed in notFound; they do not cost the
	 * others their answer. Answers come from the cache when they can (Cache-Status says;
	 * {@code Cache-Control: no-cache} asks Feishu again) and carry an ETag.
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
									description = "Header row, then one row per employee and leave type")),
					@Content(mediaType = "application/x-ndjson",
							schema = @Schema(implementation = Employee.class, description = "One Employee per line")) })
	@GetMapping(path = "/leave-balances", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<LeaveBalancesResponse> leaveBalances(@Parameter(
			description = "Employee ids, repeated or comma-separated, 1 to gateway.max-employee-ids (1000); absent: every employee.",
			example = ApiExamples.EMPLOYEE_IDS) @RequestParam(required = false) @Nullable List<String> employeeIds,
			@Parameter(description = "Date of the balances, yyyy-MM-dd; default today in timeZone.",
					example = ApiExamples.DATE) @RequestParam(required = false) @Nullable String asOfDate,
			@Parameter(
					description = "Id type of the employee ids: people_corehr_id (default), open_id, union_id or user_id.",
					example = "people_corehr_id") @RequestParam(required = false) @Nullable String idType,
			@Parameter(
					description = "IANA time zone for today and for Feishu; default gateway.default-time-zone (Asia/Shanghai).",
					example = "Asia/Shanghai") @RequestParam(required = false) @Nullable String timeZone,
			@Parameter(description = "true adds the offboarding-proration fields to each balance.",
					example = "false") @RequestParam(required = false) @Nullable String includeOffboard,
			@Parameter(description = "Language of name and leaveTypeName (e.g. en-US); zh-CN when absent or unknown.",
					example = "en-US") @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE,
							required = false) @Nullable String acceptLanguage,
			@Parameter(description = "no-cache asks Feishu again instead of answering from the cache.") @RequestHeader(
					name = HttpHeaders.CACHE_CONTROL, required = false) @Nullable String cacheControl) {
		List<String> ids = RequestParameters.employeeIds(employeeIds, this.properties.maxEmployeeIds());
		BalanceQuery query = query(asOfDate, idType, timeZone, includeOffboard);
		BalanceService.Result result = this.balances.balances(query, ids, noCache(cacheControl));
		LeaveBalancesResponse response = result.response();
		return ResponseEntity.ok()
			.cacheControl(REVALIDATE_PRIVATELY)
			.header(CACHE_STATUS, result.cacheStatus().headerValue())
			.body(new LeaveBalancesResponse(response.asOfDate(), response.idType(),
					response.employees().stream().map((employee) -> employee.localized(acceptLanguage)).toList(),
					response.notFound()));
	}

	/**
	 * The same resource as CSV (one row per employee and leave type) or NDJSON (one
	 * employee per line), streamed as Feishu's pages arrive: an export of every employee
	 * shows rows at once though it takes minutes in all.
	 */
	@Operation(hidden = true) // documented as other content types of the JSON operation
	@GetMapping(path = "/leave-balances", produces = { "text/csv", "application/x-ndjson" })
	ResponseEntity<StreamingResponseBody> exportLeaveBalances(@Parameter(
			description = "Employee ids, repeated or comma-separated, 1 to gateway.max-employee-ids (1000); absent: every employee.",
			example = ApiExamples.EMPLOYEE_IDS) @RequestParam(required = false) @Nullable List<String> employeeIds,
			@Parameter(description = "Date of the balances, yyyy-MM-dd; default today in timeZone.",
					example = ApiExamples.DATE) @RequestParam(required = false) @Nullable String asOfDate,
			@Parameter(
					description = "Id type of the employee ids: people_corehr_id (default), open_id, union_id or user_id.",
					example = "people_corehr_id") @RequestParam(required = false) @Nullable String idType,
			@Parameter(
					description = "IANA time zone for today and for Feishu; default gateway.default-time-zone (Asia/Shanghai).",
					example = "Asia/Shanghai") @RequestParam(required = false) @Nullable String timeZone,
			@Parameter(description = "true adds the offboarding-proration fields to each balance.",
					example = "false") @RequestParam(required = false) @Nullable String includeOffboard,
			@Parameter(description = "Language of name and leaveTypeName (e.g. en-US); zh-CN when absent or unknown.",
					example = "en-US") @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE,
							required = false) @Nullable String acceptLanguage,
			@RequestHeader(name = HttpHeaders.ACCEPT) String accept,
			@Parameter(description = "no-cache asks Feishu again instead of answering from the cache.") @RequestHeader(
					name = HttpHeaders.CACHE_CONTROL, required = false) @Nullable String cacheControl,
			HttpServletRequest request, HttpServletResponse response) {
		List<String> ids = RequestParameters.employeeIds(employeeIds, this.properties.maxEmployeeIds());
		BalanceQuery query = query(asOfDate, idType, timeZone, includeOffboard);
		MediaType format = exportFormat(accept);
		ShallowEtagHeaderFilter.disableContentCaching(request);
		return ResponseEntity.ok()
			.contentType(format.equals(BalanceExport.CSV) ? CSV_UTF8 : format)
			.body(export(format, query, ids, noCache(cacheControl), acceptLanguage, response));
	}

	/**
	 * Leave balances of one employee; 404 EMPLOYEE_NOT_FOUND when Feishu does not know
	 * the id.
	 */
	@Operation(summary = "Leave balances of one employee")
	@ApiResponse(responseCode = "200", description = "The employee's balances")
	@ApiResponse(responseCode = "404", description = "EMPLOYEE_NOT_FOUND",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = "#/components/schemas/Problem")))
	// produces: a caller that accepts no JSON gets its 406 before Feishu is asked, not
	// after.
	@GetMapping(path = "/employees/{employeeId}/leave-balances", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Employee> employeeLeaveBalances(
			@Parameter(description = "The employee's id in idType.",
					example = ApiExamples.EMPLOYEE_ID) @PathVariable String employeeId,
			@Parameter(description = "Date of the balances, yyyy-MM-dd; default today in timeZone.",
					example = ApiExamples.DATE) @RequestParam(required = false) @Nullable String asOfDate,
			@Parameter(
					description = "Id type of the employee ids: people_corehr_id (default), open_id, union_id or user_id.",
					example = "people_corehr_id") @RequestParam(required = false) @Nullable String idType,
			@Parameter(
					description = "IANA time zone for today and for Feishu; default gateway.default-time-zone (Asia/Shanghai).",
					example = "Asia/Shanghai") @RequestParam(required = false) @Nullable String timeZone,
			@Parameter(description = "true adds the offboarding-proration fields to each balance.",
					example = "false") @RequestParam(required = false) @Nullable String includeOffboard,
			@Parameter(description = "Language of name and leaveTypeName (e.g. en-US); zh-CN when absent or unknown.",
					example = "en-US") @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE,
							required = false) @Nullable String acceptLanguage,
			@Parameter(description = "no-cache asks Feishu again instead of answering from the cache.") @RequestHeader(
					name = HttpHeaders.CACHE_CONTROL, required = false) @Nullable String cacheControl) {
		String id = RequestParameters.employeeId(employeeId);
		BalanceQuery query = query(asOfDate, idType, timeZone, includeOffboard);
		BalanceService.Result result = this.balances.balances(query, List.of(id), noCache(cacheControl));
		Employee employee = result.response()
			.employees()
			.stream()
			.findFirst()
			.orElseThrow(ApiException::employeeNotFound);
		return ResponseEntity.ok()
			.cacheControl(REVALIDATE_PRIVATELY)
			.header(CACHE_STATUS, result.cacheStatus().headerValue())
			.body(employee.localized(acceptLanguage));
	}

	/**
	 * Streams the export: every employee page by page as Feishu sends them, or the named
	 * ones a batch at a time. Either way the cache fills as it goes.
	 */
	private StreamingResponseBody export(MediaType format, BalanceQuery query, @Nullable List<String> ids,
			boolean refresh, @Nullable String acceptLanguage, HttpServletResponse response) {
		return (out) -> {
			// Spring 7 hands a StreamingResponseBody a stream whose flush() does nothing
			// (unless the JVM-wide
			// spring.http.response.flush.enabled is set), so pages would reach the caller
			// only at the very end.
			// The servlet's own stream flushes; content caching (the ETag filter) is off
			// for this request.
			BalanceExport export = new BalanceExport(format, query.includeOffboard(), this.json,
					response.getOutputStream());
			export.header();
			Consumer<List<Employee>> writer = export.pageWriter();
			Consumer<List<Employee>> localized = (page) -> writer
				.accept(page.stream().map((employee) -> employee.localized(acceptLanguage)).toList());
			if (ids == null) {
				this.balances.forEachPage(query, localized);
				return;
			}
			for (int from = 0; from < ids.size(); from += this.batching.maxSize()) {
				List<String> chunk = ids.subList(from, Math.min(from + this.batching.maxSize(), ids.size()));
				localized.accept(new ArrayList<>(this.balances.balances(query, chunk, refresh).response().employees()));
			}
		};
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

	private static boolean noCache(@Nullable String cacheControl) {
		return cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-cache");
	}

	private BalanceQuery query(@Nullable String asOfDate, @Nullable String idType, @Nullable String timeZone,
			@Nullable String includeOffboard) {
		ZoneId zone = RequestParameters.timeZone(timeZone, this.properties.defaultTimeZone());
		return new BalanceQuery(RequestParameters.idType(idType),
				RequestParameters.date("asOfDate", asOfDate, LocalDate.now(this.clock.withZone(zone))), zone,
				RequestParameters.flag("includeOffboard", includeOffboard));
	}

}
