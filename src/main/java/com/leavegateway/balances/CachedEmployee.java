package com.leavegateway.balances;

import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import com.leavegateway.cache.RefreshableEntry;
import com.leavegateway.leave.Employee;
import com.leavegateway.web.JsonParts;

/**
 * One entry of the balances cache: an employee's balances on a day, compact (values
 * shared with other entries), and its JSON answer with its ETag per Accept-Language, each
 * made once, when first asked for. A hit writes those bytes; a list answer is made of
 * them.
 */
final class CachedEmployee extends RefreshableEntry {

	/**
	 * Answers kept per entry: callers send a handful of Accept-Language values; any
	 * further one is answered all the same, made afresh each time.
	 */
	static final int MAX_ANSWERS = 4;

	private static final Answer[] NONE = new Answer[0];

	private final Employee employee;

	private volatile Answer[] answers = NONE;

	private CachedEmployee(Employee employee) {
		this.employee = employee;
	}

	/** The employee as Feishu answered, kept compact. */
	static CachedEmployee of(Employee fetched) {
		return new CachedEmployee(Compaction.employee(fetched));
	}

	/** The employee, with no name chosen for a language. */
	Employee employee() {
		return this.employee;
	}

	String employeeId() {
		return this.employee.employeeId();
	}

	@Override
	public Instant fetchedAt() {
		return this.employee.fetchedAt();
	}

	/**
	 * The answer for {@code acceptLanguage} as sent (absent: ""), made by {@code make}
	 * unless kept already.
	 */
	Answer answer(@Nullable String acceptLanguage, Supplier<JsonParts> make) {
		String key = (acceptLanguage != null) ? acceptLanguage : "";
		for (Answer answer : this.answers) {
			if (answer.acceptLanguage().equals(key)) {
				return answer;
			}
		}
		JsonParts json = make.get();
		return keep(new Answer(key, json, json.etag()));
	}

	private synchronized Answer keep(Answer made) {
		Answer[] kept = this.answers;
		Answer same = null;
		for (Answer answer : kept) {
			if (answer.acceptLanguage().equals(made.acceptLanguage())) {
				return answer;
			}
			if (answer.etag().equals(made.etag())) {
				same = answer;
			}
		}
		if (kept.length >= MAX_ANSWERS) {
			return made;
		}
		// Languages that read the same (zh-CN and none) share the bytes.
		Answer answer = (same != null) ? new Answer(made.acceptLanguage(), same.json(), same.etag()) : made;
		Answer[] more = Arrays.copyOf(kept, kept.length + 1);
		more[kept.length] = answer;
		this.answers = more;
		return answer;
	}

	/**
	 * One answer of the entry.
	 *
	 * @param acceptLanguage The Accept-Language it is for, as sent ("" when absent).
	 * @param json The JSON, as the mapper writes the employee for that language.
	 * @param etag Its strong ETag.
	 */
	record Answer(String acceptLanguage, JsonParts json, String etag) {
	}

}
