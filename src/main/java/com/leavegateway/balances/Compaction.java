package com.leavegateway.balances;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import com.leavegateway.leave.Balance;
import com.leavegateway.leave.Employee;
import com.leavegateway.web.JsonPart;

/**
 * What the cache keeps of an employee, with one instance of each value that repeats
 * across employees: leave-type ids and names, language tags, decimals, dates, fetch
 * times, whole balances and the serialised parts of answers. The pools are bounded and
 * keep what is used most, so that values nobody shares (figures of each employee's own)
 * cost a fixed few megabytes in all rather than a pool entry each.
 */
final class Compaction {

	/** Strings, BigDecimals (equal only with the same scale), LocalDates, Instants. */
	private static final Cache<Object, Object> VALUES = pool(10_000);

	private static final Cache<JsonPart, JsonPart> PARTS = pool(10_000);

	/**
	 * Keyed by content in order, not by map equality, which ignores the order the answer
	 * shows.
	 */
	private static final Cache<List<String>, OrderedTexts> TEXTS = pool(2_000);

	/** Keyed as {@link #TEXTS}, with the names in order. */
	private static final Cache<List<@Nullable Object>, Balance> BALANCES = pool(10_000);

	private Compaction() {
	}

	/**
	 * The same employee, answers and equality unchanged, with shared values; names chosen
	 * for a language (none are, in what the cache keeps) are dropped.
	 */
	static Employee employee(Employee employee) {
		List<Balance> balances = new ArrayList<>(employee.balances().size());
		for (Balance balance : employee.balances()) {
			balances.add(balance(balance));
		}
		// The employee's own names are seldom shared: only the tags are.
		return new Employee(employee.employeeId(), null, OrderedTexts.of(employee.names(), Compaction::tag),
				value(employee.asOfDate()), List.copyOf(balances), value(employee.fetchedAt()));
	}

	static JsonPart part(JsonPart part) {
		return PARTS.get(part, (same) -> same);
	}

	private static Balance balance(Balance balance) {
		OrderedTexts names = texts(balance);
		Balance compact = new Balance(value(balance.leaveTypeId()), null, names, balance.unit(), balance.unitCode(),
				value(balance.balance()), value(balance.carriedOver()), value(balance.grantedThisCycle()),
				value(balance.takenThisCycle()), value(balance.balanceThisCycle()), value(balance.takenHistoryCycles()),
				value(balance.grantedHistoryCycles()), value(balance.taken()), value(balance.takenToDate()),
				value(balance.offboardingBalance()), value(balance.offboardingGranted()));
		List<@Nullable Object> key = Arrays.asList(compact.leaveTypeId(), names.inOrder(), compact.unit(),
				compact.unitCode(), compact.balance(), compact.carriedOver(), compact.grantedThisCycle(),
				compact.takenThisCycle(), compact.balanceThisCycle(), compact.takenHistoryCycles(),
				compact.grantedHistoryCycles(), compact.taken(), compact.takenToDate(), compact.offboardingBalance(),
				compact.offboardingGranted());
		return BALANCES.get(key, (k) -> compact);
	}

	private static OrderedTexts texts(Balance balance) {
		OrderedTexts names = OrderedTexts.of(balance.leaveTypeNames(), Compaction::value);
		return TEXTS.get(names.inOrder(), (k) -> names);
	}

	private static String tag(String tag) {
		return value(tag);
	}

	@SuppressWarnings("unchecked")
	private static <T> T value(T value) {
		return (value != null) ? (T) VALUES.get(value, (same) -> same) : value;
	}

	private static <K, V> Cache<K, V> pool(long size) {
		return Caffeine.newBuilder().maximumSize(size).build();
	}

}
