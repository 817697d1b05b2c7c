package com.leavegateway.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.leavegateway.leave.UserIdType;
import com.leavegateway.problem.ApiException;

/**
 * Checks of the parameters the API takes. Everything that later reaches Feishu's URL or
 * body passes through here first; a value that does not fit is a 400 that names the
 * parameter and sends nothing upstream.
 */
public final class RequestParameters {

	/**
	 * Feishu's ids are digits (people_corehr_id), {@code ou_}/{@code on_} + hex, or short
	 * tenant user ids.
	 */
	private static final Pattern EMPLOYEE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private static final Pattern LEAVE_TYPE_ID = Pattern.compile("[0-9]{1,32}");

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

	private static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

	private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

	/**
	 * The detail of an unknown idType; also the API document's INVALID_PARAMETER example.
	 */
	static final String ID_TYPE_INVALID = "idType must be one of people_corehr_id, open_id, union_id, user_id.";

	private RequestParameters() {
	}

	public static UserIdType idType(@Nullable String value) {
		if (value == null) {
			return UserIdType.PEOPLE_COREHR_ID;
		}
		return UserIdType.fromWireName(value)
			.orElseThrow(() -> ApiException.invalidParameter("idType", ID_TYPE_INVALID));
	}

	/**
	 * An IANA zone such as Asia/Shanghai; offsets like +08:00 are not zones and are
	 * refused.
	 */
	public static ZoneId timeZone(@Nullable String value, ZoneId fallback) {
		if (value == null) {
			return fallback;
		}
		if (!ZONES.contains(value)) {
			throw ApiException.invalidParameter("timeZone",
					"timeZone must be an IANA time zone such as Asia/Shanghai.");
		}
		return ZoneId.of(value);
	}

	/** A yyyy-MM-dd date, or {@code fallback} when absent. */
	public static LocalDate date(String parameter, @Nullable String value, LocalDate fallback) {
		if (value == null) {
			return fallback;
		}
		try {
			LocalDate date = LocalDate.parse(value, DATE);
			if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
				throw ApiException.invalidParameter(parameter, parameter + " must lie between 1900 and 2199.");
			}
			return date;
		}
		catch (DateTimeParseException ex) {
			throw ApiException.invalidParameter(parameter, parameter + " must be a date in the form yyyy-MM-dd.");
		}
	}

	public static boolean flag(String parameter, @Nullable String value) {
		if (value == null || value.equals("false")) {
			return false;
		}
		if (value.equals("true")) {
			return true;
		}
		throw ApiException.invalidParameter(parameter, parameter + " must be true or false.");
	}

	/**
	 * Employee ids given repeated, comma-separated or both; duplicates dropped, order
	 * kept. Null when the parameter is absent (meaning every employee).
	 */
	public static @Nullable List<String> employeeIds(@Nullable List<String> values, int max) {
		if (values == null) {
			return null;
		}
		LinkedHashSet<String> ids = new LinkedHashSet<>();
		for (String value : values) {
			for (String id : value.split(",", -1)) {
				ids.add(checkedId("employeeIds", id.strip()));
				if (ids.size() > max) {
					throw ApiException.invalidParameter("employeeIds",
							"employeeIds takes at most " + max + " ids per request.");
				}
			}
		}
		if (ids.isEmpty()) {
			throw ApiException.invalidParameter("employeeIds", "employeeIds must name at least one id.");
		}
		return new ArrayList<>(ids);
	}

	public static String employeeId(String value) {
		return checkedId("employeeId", value);
	}

	public static String leaveTypeId(String value) {
		if (!LEAVE_TYPE_ID.matcher(value).matches()) {
			throw ApiException.invalidParameter("leaveTypeId", "leaveTypeId must be 1 to 32 digits.");
		}
		return value;
	}

	/** The detail of a malformed id in {@code parameter}. */
	static String invalidIdDetail(String parameter) {
		return parameter + " must be ids of 1 to 64 letters, digits, '_' or '-'.";
	}

	private static String checkedId(String parameter, String id) {
		if (!EMPLOYEE_ID.matcher(id).matches()) {
			throw ApiException.invalidParameter(parameter, invalidIdDetail(parameter));
		}
		return id;
	}

}
