package com.leavegateway.balances;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

import com.leavegateway.leave.Balance;
import com.leavegateway.leave.Employee;

/**
 * Writes employees to {@code out} as CSV rows (one per employee and leave type) or NDJSON
 * lines (one per employee), and the employees Feishu refused or failed on.
 */
record BalanceExport(MediaType format, boolean includeOffboard, JsonMapper json, OutputStream out) {

	static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

	static final MediaType CSV = MediaType.parseMediaType("text/csv");

	private static final List<String> COLUMNS = List.of("employeeId", "name", "asOfDate", "leaveTypeId",
			"leaveTypeName", "unit", "balance", "carriedOver", "grantedThisCycle", "takenThisCycle", "balanceThisCycle",
			"takenHistoryCycles");

	private static final List<String> OFFBOARD_COLUMNS = List.of("grantedHistoryCycles", "taken", "takenToDate",
			"offboardingBalance", "offboardingGranted");

	void header() {
		if (this.format.equals(CSV)) {
			List<String> columns = new ArrayList<>(COLUMNS);
			if (this.includeOffboard) {
				columns.addAll(OFFBOARD_COLUMNS);
			}
			columns.add("fetchedAt");
			columns.add("error");
			write(String.join(",", columns) + "\r\n");
		}
	}

	/**
	 * Writes and flushes one batch of employees, so that the caller sees rows as pages
	 * arrive.
	 */
	Consumer<List<Employee>> pageWriter() {
		return (employees) -> {
			for (Employee employee : employees) {
				if (this.format.equals(CSV)) {
					employee.balances().forEach((balance) -> write(csvRow(employee, balance)));
				}
				else {
					write(this.json.writeValueAsString(employee) + "\n");
				}
			}
			flush();
		};
	}

	/**
	 * Writes and flushes the employees Feishu refused or failed on: in CSV a row with
	 * only the id and the {@code error} column (the problem code) filled, in NDJSON
	 * {@code {employeeId, error, feishuCode, feishuMsg}}. The export goes on after them.
	 */
	Consumer<List<LeaveBalancesResponse.FailedEmployee>> failedWriter() {
		return (failed) -> {
			for (LeaveBalancesResponse.FailedEmployee employee : failed) {
				if (this.format.equals(CSV)) {
					List<String> cells = new ArrayList<>(Collections.nCopies(columnCount(), ""));
					cells.set(0, text(employee.employeeId()));
					cells.set(cells.size() - 1, employee.code());
					write(String.join(",", cells) + "\r\n");
				}
				else {
					Map<String, Object> line = new LinkedHashMap<>();
					line.put("employeeId", employee.employeeId());
					line.put("error", employee.code());
					line.put("feishuCode", employee.feishuCode());
					line.put("feishuMsg", employee.feishuMsg());
					write(this.json.writeValueAsString(line) + "\n");
				}
			}
			flush();
		};
	}

	/** The CSV columns: the balance's, offboarding's if asked, fetchedAt and error. */
	private int columnCount() {
		return COLUMNS.size() + (this.includeOffboard ? OFFBOARD_COLUMNS.size() : 0) + 2;
	}

	private void flush() {
		try {
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String csvRow(Employee employee, Balance balance) {
		List<String> cells = new ArrayList<>(List.of(text(employee.employeeId()), text(employee.name()),
				employee.asOfDate().toString(), text(balance.leaveTypeId()), text(balance.leaveTypeName()),
				balance.unit().name(), number(balance.balance()), number(balance.carriedOver()),
				number(balance.grantedThisCycle()), number(balance.takenThisCycle()),
				number(balance.balanceThisCycle()), number(balance.takenHistoryCycles())));
		if (this.includeOffboard) {
			cells.addAll(List.of(number(balance.grantedHistoryCycles()), number(balance.taken()),
					number(balance.takenToDate()), number(balance.offboardingBalance()),
					number(balance.offboardingGranted())));
		}
		cells.add(employee.fetchedAt().toString());
		cells.add("");
		return String.join(",", cells) + "\r\n";
	}

	private static String number(@Nullable BigDecimal value) {
		return (value != null) ? value.toPlainString() : "";
	}

	/**
	 * RFC 4180 quoting, and a leading apostrophe for text a spreadsheet would run as a
	 * formula (names come from people, not from us).
	 */
	private static String text(@Nullable String value) {
		if (value == null) {
			return "";
		}
		String safe = (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
			return "\"" + safe.replace("\"", "\"\"") + "\"";
		}
		return safe;
	}

	private void write(String text) {
		try {
			this.out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
