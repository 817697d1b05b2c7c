package com.leavegateway.balances;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

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

import com.leavegateway.feishu.BalanceQuery;
import com.leavegateway.web.ApiException;
import com.leavegateway.web.BatchingProperties;
import com.leavegateway.web.GatewayProperties;
import com.leavegateway.web.RequestParameters;

@RestController
@RequestMapping("/api/v1")
class BalanceController {

	/** RFC 9211: says how much of the answer came from the gateway's cache. */
	static final String CACHE_STATUS = "Cache-Status";

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

	@GetMapping(path = "/leave-balances", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<LeaveBalancesResponse> leaveBalances(
			@RequestParam(required = false) @Nullable List<String> employeeIds,
			@RequestParam(required = false) @Nullable String asOfDate,
			@RequestParam(required = false) @Nullable String idType,
			@RequestParam(required = false) @Nullable String timeZone,
			@RequestParam(required = false) @Nullable String includeOffboard,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage,
			@RequestHeader(name = HttpHeaders.CACHE_CONTROL, required = false) @Nullable String cacheControl) {
		List<String> ids = RequestParameters.employeeIds(employeeIds, this.properties.maxEmployeeIds());
		BalanceQuery query = query(asOfDate, idType, timeZone, includeOffboard);
		BalanceService.Result result = this.balances.balances(query, ids, noCache(cacheControl));
		LeaveBalancesResponse response = result.response();
		return ResponseEntity.ok()
			.header(CACHE_STATUS, result.cacheStatus().headerValue())
			.body(new LeaveBalancesResponse(response.asOfDate(), response.idType(),
					response.employees().stream().map((employee) -> employee.localized(acceptLanguage)).toList(),
					response.notFound()));
	}

	/** The same resource as CSV or NDJSON, streamed: for exports of many employees. */
	@GetMapping(path = "/leave-balances", produces = { "text/csv", "application/x-ndjson" })
	ResponseEntity<StreamingResponseBody> exportLeaveBalances(
			@RequestParam(required = false) @Nullable List<String> employeeIds,
			@RequestParam(required = false) @Nullable String asOfDate,
			@RequestParam(required = false) @Nullable String idType,
			@RequestParam(required = false) @Nullable String timeZone,
			@RequestParam(required = false) @Nullable String includeOffboard,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage,
			@RequestHeader(name = HttpHeaders.ACCEPT) String accept,
			@RequestHeader(name = HttpHeaders.CACHE_CONTROL, required = false) @Nullable String cacheControl,
			HttpServletRequest request) {
		List<String> ids = RequestParameters.employeeIds(employeeIds, this.properties.maxEmployeeIds());
		BalanceQuery query = query(asOfDate, idType, timeZone, includeOffboard);
		MediaType format = exportFormat(accept);
		ShallowEtagHeaderFilter.disableContentCaching(request);
		return ResponseEntity.ok()
			.contentType(format.equals(BalanceExport.CSV) ? CSV_UTF8 : format)
			.body(export(format, query, ids, noCache(cacheControl), acceptLanguage));
	}

	@GetMapping("/employees/{employeeId}/leave-balances")
	ResponseEntity<Employee> employeeLeaveBalances(@PathVariable String employeeId,
			@RequestParam(required = false) @Nullable String asOfDate,
			@RequestParam(required = false) @Nullable String idType,
			@RequestParam(required = false) @Nullable String timeZone,
			@RequestParam(required = false) @Nullable String includeOffboard,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage,
			@RequestHeader(name = HttpHeaders.CACHE_CONTROL, required = false) @Nullable String cacheControl) {
		String id = RequestParameters.employeeId(employeeId);
		BalanceQuery query = query(asOfDate, idType, timeZone, includeOffboard);
		BalanceService.Result result = this.balances.balances(query, List.of(id), noCache(cacheControl));
		Employee employee = result.response()
			.employees()
			.stream()
			.findFirst()
			.orElseThrow(ApiException::employeeNotFound);
		return ResponseEntity.ok()
			.header(CACHE_STATUS, result.cacheStatus().headerValue())
			.body(employee.localized(acceptLanguage));
	}

	/**
	 * Streams the export: every employee page by page as Feishu sends them, or the named ones a batch at a time.
	 * Either way the cache fills as it goes.
	 */
	private StreamingResponseBody export(MediaType format, BalanceQuery query, @Nullable List<String> ids,
			boolean refresh, @Nullable String acceptLanguage) {
		return (out) -> {
			BalanceExport export = new BalanceExport(format, query.includeOffboard(), this.json, out);
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

	/** Whichever of text/csv and application/x-ndjson the caller accepts with the higher quality. */
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
