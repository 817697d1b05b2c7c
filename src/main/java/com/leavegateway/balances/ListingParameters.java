package com.leavegateway.balances;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import com.leavegateway.leave.BalanceQuery;
import com.leavegateway.problem.ApiException;

/**
 * Paging of a JSON answer (the listing of every employee, or the named employees), bound
 * as text so that a bad value is a 400 that names the parameter.
 *
 * @param limit Most employees in the answer, 1 to 500; absent: every employee (from the
 * cursor on).
 * @param cursor The nextCursor of the previous page; absent: the first page.
 */
record ListingParameters(@Parameter(example = "20", schema = @Schema(type = "integer", format = "int32", minimum = "1",
		maximum = "" + ListingParameters.MAX_LIMIT)) @Nullable String limit, @Nullable String cursor) {

	/** The API's bound on a page, part of its contract. */
	static final int MAX_LIMIT = 500;

	/** No limit: the whole listing. */
	static final int ALL = Integer.MAX_VALUE;

	/** The checked limit; {@link #ALL} when absent. */
	int pageSize() {
		if (this.limit == null) {
			return ALL;
		}
		if (!this.limit.matches("[0-9]{1,3}") || Integer.parseInt(this.limit) < 1
				|| Integer.parseInt(this.limit) > MAX_LIMIT) {
			throw ApiException.invalidParameter("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ".");
		}
		return Integer.parseInt(this.limit);
	}

	/** Whether the whole answer is asked for (no limit, no cursor). */
	boolean whole() {
		return this.limit == null && this.cursor == null;
	}

	/** Where the page starts in the listing of {@code query}. */
	ListingCursor position(BalanceQuery query) {
		return ListingCursor.decode(this.cursor, query);
	}

	/** Paging is for JSON answers: refused for an export (which streams as it goes). */
	void requireAbsent() {
		String given = (this.limit != null) ? "limit" : (this.cursor != null) ? "cursor" : null;
		if (given != null) {
			throw ApiException.invalidParameter(given, given + " pages JSON answers, not an export.");
		}
	}

}
