package com.leavegateway.balances;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import com.leavegateway.leave.Balance;
import com.leavegateway.leave.Employee;
import com.leavegateway.web.JsonPart;
import com.leavegateway.web.JsonParts;

/**
 * The JSON answers of cached employees, byte for byte what the mapper writes: an
 * employee's answer is its own fields, then each balance (a part shared by every employee
 * with the same balance in the same language), made once per entry and language; a list
 * answer is its own fields around the employees' answers.
 */
@Component
class EmployeeAnswers {

	private static final JsonPart COMMA = JsonPart.of(",");

	private static final byte[] BALANCES = "\"balances\":[".getBytes(StandardCharsets.UTF_8);

	private static final byte[] EMPLOYEES = "\"employees\":[".getBytes(StandardCharsets.UTF_8);

	private final JsonMapper json;

	EmployeeAnswers(JsonMapper json) {
		this.json = json;
	}

	/** The entry's answer in the caller's language, made the first time. */
	CachedEmployee.Answer single(CachedEmployee entry, @Nullable String acceptLanguage) {
		return entry.answer(acceptLanguage, () -> employee(entry.employee(), acceptLanguage));
	}

	/**
	 * {@code frame} (whose employees are left empty) with the entries' answers as its
	 * employees, in order.
	 */
	JsonParts list(LeaveBalancesResponse frame, List<CachedEmployee> entries, @Nullable String acceptLanguage) {
		byte[] fields = this.json.writeValueAsBytes(frame);
		// asOfDate and idType come before: nothing a caller or Feishu chose.
		int at = indexOf(fields, EMPLOYEES, false) + EMPLOYEES.length;
		ArrayList<JsonPart> parts = new ArrayList<>();
		parts.add(JsonPart.of(Arrays.copyOfRange(fields, 0, at)));
		for (int i = 0; i < entries.size(); i++) {
			if (i > 0) {
				parts.add(COMMA);
			}
			single(entries.get(i), acceptLanguage).json().addTo(parts);
		}
		parts.add(JsonPart.of(Arrays.copyOfRange(fields, at, fields.length)));
		return JsonParts.of(parts);
	}

	private JsonParts employee(Employee employee, @Nullable String acceptLanguage) {
		Employee localized = employee.localized(acceptLanguage);
		byte[] fields = this.json.writeValueAsBytes(new Employee(localized.employeeId(), localized.name(),
				localized.names(), localized.asOfDate(), List.of(), localized.fetchedAt()));
		// Only fetchedAt, an instant, comes after the balances: the last match is theirs.
		int at = indexOf(fields, BALANCES, true) + BALANCES.length;
		List<JsonPart> parts = new ArrayList<>(2 * localized.balances().size() + 1);
		parts.add(JsonPart.of(Arrays.copyOfRange(fields, 0, at)));
		for (int i = 0; i < localized.balances().size(); i++) {
			if (i > 0) {
				parts.add(COMMA);
			}
			Balance balance = localized.balances().get(i);
			parts.add(Compaction.part(JsonPart.of(this.json.writeValueAsBytes(balance))));
		}
		parts.add(Compaction.part(JsonPart.of(Arrays.copyOfRange(fields, at, fields.length))));
		return JsonParts.of(parts);
	}

	private static int indexOf(byte[] bytes, byte[] wanted, boolean last) {
		int found = -1;
		for (int i = 0; i <= bytes.length - wanted.length; i++) {
			if (Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
				found = i;
				if (!last) {
					break;
				}
			}
		}
		if (found < 0) {
			throw new IllegalStateException("No " + new String(wanted, StandardCharsets.UTF_8) + " in the answer");
		}
		return found;
	}

}
