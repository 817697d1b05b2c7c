package com.leavegateway.sandbox;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;

import com.leavegateway.sandbox.SandboxDirectory.Employee;
import com.leavegateway.sandbox.SandboxDirectory.Grant;
import com.leavegateway.sandbox.SandboxDirectory.IdType;
import com.leavegateway.sandbox.SandboxDirectory.LeaveType;
import com.leavegateway.sandbox.SandboxDirectory.Text;

/**
 * {@code GET /open-apis/attendance/v1/leave_employ_expire_records/{leave_id}}, a GET with
 * a JSON body: checks the body as Feishu does and lists the grant records expiring in the
 * window.
 */
final class SandboxExpireRecords {

	/**
	 * The widest window served; a guard against iterating over centuries, not a Feishu
	 * rule.
	 */
	private static final int MAX_YEARS = 10;

	private static final JsonMapper JSON = JsonMapper.shared();

	private final SandboxDirectory directory;

	private final SandboxFaults faults;

	SandboxExpireRecords(SandboxDirectory directory, SandboxFaults faults) {
		this.directory = directory;
		this.faults = faults;
	}

	Records records(String leaveId, @Nullable String userIdType, @Nullable String contentType, byte @Nullable [] body) {
		IdType idType = idType(userIdType);
		JsonNode request = body(contentType, body);
		String employmentId = requiredString(request, "employment_id");
		String leaveTypeId = requiredString(request, "leave_type_id");
		LocalDate start = date(request, "start_expiration_date");
		LocalDate end = date(request, "end_expiration_date");
		timeOffset(request.path("time_offset"));
		if (end.isBefore(start) || end.getYear() - start.getYear() >= MAX_YEARS) {
			throw invalid("end_expiration_date", end.toString(),
					"must not be before start_expiration_date, and the window must span less than " + MAX_YEARS
							+ " years");
		}
		// The path and the body both name the leave type; a client that sends two
		// different ones has a bug.
		if (!leaveId.equals(leaveTypeId)) {
			throw invalid("leave_id", leaveId, "path leave_id must equal body leave_type_id " + leaveTypeId);
		}
		Employee employee = this.directory.employee(idType, employmentId)
			.orElseThrow(() -> new SandboxError(HttpStatus.BAD_REQUEST, 1220006, "Employment not found"));
		LeaveType leaveType = this.directory.leaveType(leaveTypeId)
			.orElseThrow(() -> new SandboxError(HttpStatus.BAD_REQUEST, 1220005, "Accessed data object not found"));
		this.faults.failExpireRecords(employee);
		List<ExpireRecord> records = this.directory.grantsExpiring(employee, leaveType, start, end)
			.stream()
			.map((grant) -> record(grant, employee.id(idType)))
			.toList();
		return new Records(records);
	}

	private static ExpireRecord record(Grant grant, String employmentId) {
		return new ExpireRecord(grant.id(), employmentId, grant.leaveType().id(),
				grant.grantingQuantity().toPlainString(), grant.leftGrantingQuantity().toPlainString(),
				grant.leaveType().unit().code(), grant.effectiveDate().toString(), grant.expirationDate().toString(),
				grant.reason(), grant.updatedByExternal(), grant.accrualSource(), grant.leaveSubTypeId(),
				grant.sectionType());
	}

	private static IdType idType(@Nullable String value) {
		// This API's default differs from leave_balances'.
		if (!StringUtils.hasLength(value)) {
			return IdType.OPEN_ID;
		}
		return IdType.ofWireName(value)
			.orElseThrow(() -> invalid("user_id_type", value,
					"must be one of open_id, union_id, user_id, people_corehr_id"));
	}

	private static JsonNode body(@Nullable String contentType, byte @Nullable [] body) {
		if (!isJson(contentType)) {
			throw invalid("Content-Type", contentType, "must be application/json; charset=utf-8");
		}
		if (body == null || body.length == 0) {
			throw invalid("body", null, "a JSON body is required, even though this is a GET");
		}
		try {
			JsonNode node = JSON.readTree(body);
			if (node.isObject()) {
				return node;
			}
		}
		catch (JacksonException ex) {
			// Falls through.
		}
		throw invalid("body", null, "the body must be a JSON object");
	}

	private static boolean isJson(@Nullable String contentType) {
		try {
			return contentType != null
					&& MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String requiredString(JsonNode request, String field) {
		JsonNode node = request.path(field);
		if (!node.isString() || !StringUtils.hasText(node.stringValue())) {
			throw invalid(field, node.isMissingNode() ? null : node.toString(), field + " is required, a string");
		}
		return node.stringValue();
	}

	private static LocalDate date(JsonNode request, String field) {
		String value = requiredString(request, field);
		try {
			return LocalDate.parse(value);
		}
		catch (DateTimeException ex) {
			throw invalid(field, value, field + " must be yyyy-MM-dd");
		}
	}

	private static void timeOffset(JsonNode node) {
		if (node.isMissingNode() || node.isNull()) {
			return;
		}
		// Minutes east of UTC (480 is UTC+8); real offsets run from UTC-12 to UTC+14.
		if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < -720 || node.intValue() > 840) {
			throw invalid("time_offset", node.toString(), "time_offset must be whole minutes between -720 and 840");
		}
	}

	private static SandboxError invalid(String field, @Nullable String value, String description) {
		return SandboxError.invalidParam(SandboxError.RECORDS_INVALID_PARAM, field, value, description);
	}

	/** {@code data} of an answer. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Records(@JsonProperty("records") List<ExpireRecord> records) {
	}

	/** One grant record; {@code leave_sub_type_id} may be empty and is sent anyway. */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	record ExpireRecord(@JsonProperty("id") String id, @JsonProperty("employment_id") String employmentId,
			@JsonProperty("leave_type_id") String leaveTypeId,
			@JsonProperty("granting_quantity") String grantingQuantity,
			@JsonProperty("left_granting_quantity") String leftGrantingQuantity,
			@JsonProperty("granting_unit") int grantingUnit, @JsonProperty("effective_date") String effectiveDate,
			@JsonProperty("expiration_date") String expirationDate, @JsonProperty("reason") List<Text> reason,
			@JsonProperty("is_update_by_external") boolean isUpdateByExternal,
			@JsonProperty("accrual_source") int accrualSource, @JsonProperty("leave_sub_type_id") String leaveSubTypeId,
			@JsonProperty("section_type") int sectionType) {
	}

}
