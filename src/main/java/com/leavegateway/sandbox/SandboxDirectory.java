package com.leavegateway.sandbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * The simulated Feishu tenant: its employees, six leave types, each employee's balances
 * on any date and the grant records that expire in any window. Everything is computed
 * from {@code sandbox.seed} alone, never from the wall clock, so the same seed gives the
 * same data on every run and on every machine.
 * <p>
 * A bean in the {@code sandbox} profile; tests elsewhere can inject it to pick ids that
 * exist and to compute what the simulator will answer. Known cases, present whenever the
 * directory has enough employees:
 * <ul>
 * <li>{@code employees().get(TINY_BALANCE_EMPLOYEE)} has exactly {@code 0.000001} of
 * {@code leaveTypes().get(TINY_BALANCE_LEAVE_TYPE)} (Marriage leave) left on every
 * date;</li>
 * <li>{@code employees().get(NEGATIVE_BALANCE_EMPLOYEE)} has {@code -1.5} of
 * {@code leaveTypes().get(NEGATIVE_BALANCE_LEAVE_TYPE)} (Personal leave) on every
 * date;</li>
 * <li>{@code employees().get(ZH_ONLY_EMPLOYEE)}, and every 100th employee after it, has a
 * zh-CN name only;</li>
 * <li>{@code employees().get(EXPIRING_GRANTS_EMPLOYEE)} (the API documentation's example
 * employee) has a grant of {@code leaveTypes().get(EXPIRING_GRANTS_LEAVE_TYPE)} (Annual
 * leave) expiring on the last day of every month, with some of it left, so the default
 * 90-day window always finds some.</li>
 * </ul>
 * Other balances move with the date: annual and compensatory leave accrue in proportion
 * to the day of the year and leave taken grows through the year; a few balances go
 * negative.
 */
public final class SandboxDirectory {

	/**
	 * Index of the employee with {@code 0.000001} left of
	 * {@link #TINY_BALANCE_LEAVE_TYPE}.
	 */
	public static final int TINY_BALANCE_EMPLOYEE = 0;

	/** Index of Marriage leave in {@link #leaveTypes()}. */
	public static final int TINY_BALANCE_LEAVE_TYPE = 4;

	/**
	 * Index of the employee with {@code -1.5} of {@link #NEGATIVE_BALANCE_LEAVE_TYPE}.
	 */
	public static final int NEGATIVE_BALANCE_EMPLOYEE = 1;

	/** Index of Personal leave in {@link #leaveTypes()}. */
	public static final int NEGATIVE_BALANCE_LEAVE_TYPE = 2;

	/** Index of the first employee whose name has no en-US version. */
	public static final int ZH_ONLY_EMPLOYEE = 2;

	/**
	 * Index of the employee with a grant of {@link #EXPIRING_GRANTS_LEAVE_TYPE} expiring
	 * at the end of every month.
	 */
	public static final int EXPIRING_GRANTS_EMPLOYEE = 0;

	/** Index of Annual leave in {@link #leaveTypes()}. */
	public static final int EXPIRING_GRANTS_LEAVE_TYPE = 0;

	// Keeps the leave types' ids independent of the employees' random stream.
	private static final long SALT_LEAVE_TYPES = 0x1EAFL;

	private final long seed;

	private final List<Employee> employees;

	private final List<LeaveType> leaveTypes;

	private final SandboxLeaveLedger ledger;

	private final Map<IdType, Map<String, Employee>> employeesById = new EnumMap<>(IdType.class);

	private final Map<String, LeaveType> leaveTypesById = new HashMap<>();

	/**
	 * Generates a directory.
	 * @param seed the seed every id, name and number derives from
	 * @param employeeCount how many employees to create, at least 1
	 */
	public SandboxDirectory(long seed, int employeeCount) {
		Assert.isTrue(employeeCount > 0, "employeeCount must be positive");
		this.seed = seed;
		Set<String> taken = new HashSet<>();
		Random random = new Random(seed);
		List<Employee> list = new ArrayList<>(employeeCount);
		for (int i = 0; i < employeeCount; i++) {
			list.add(SandboxPeople.newEmployee(i, random, taken));
		}
		this.employees = Collections.unmodifiableList(list);
		Random typeRandom = new Random(SandboxLeaveLedger.mix(seed, SALT_LEAVE_TYPES));
		List<LeaveType> types = new ArrayList<>(SandboxLeaveLedger.POLICIES.length);
		for (int i = 0; i < SandboxLeaveLedger.POLICIES.length; i++) {
			SandboxLeaveLedger.Policy policy = SandboxLeaveLedger.POLICIES[i];
			types.add(new LeaveType(i, SandboxPeople.unique(taken, () -> SandboxPeople.numericId(typeRandom)),
					List.of(new Text("zh-CN", policy.zh()), new Text("en-US", policy.en())), policy.unit()));
		}
		this.leaveTypes = List.copyOf(types);
		this.ledger = new SandboxLeaveLedger(seed,
				SandboxPeople.unique(taken, () -> SandboxPeople.numericId(typeRandom)));
		for (IdType type : IdType.values()) {
			Map<String, Employee> byId = new HashMap<>();
			this.employees.forEach((employee) -> byId.put(employee.id(type), employee));
			this.employeesById.put(type, byId);
		}
		this.leaveTypes.forEach((type) -> this.leaveTypesById.put(type.id(), type));
	}

	/** The seed this directory was generated from. */
	public long seed() {
		return this.seed;
	}

	/**
	 * Every employee, in the order {@code leave_balances} lists them when no ids are
	 * asked for.
	 */
	public List<Employee> employees() {
		return this.employees;
	}

	/**
	 * The six leave types: Annual, Sick, Personal (days), Compensatory (hours), Marriage
	 * (days), Parental (hours).
	 */
	public List<LeaveType> leaveTypes() {
		return this.leaveTypes;
	}

	/** The employee with this id of this type, if any. */
	public Optional<Employee> employee(IdType type, String id) {
		return Optional.ofNullable(this.employeesById.get(type).get(id));
	}

	/** The employee with this id of any of the four types, if any. */
	public Optional<Employee> employeeWithAnyId(String id) {
		return Arrays.stream(IdType.values())
			.map((type) -> this.employeesById.get(type).get(id))
			.filter(Objects::nonNull)
			.findFirst();
	}

	/** The leave type with this id, if any. */
	public Optional<LeaveType> leaveType(String id) {
		return Optional.ofNullable(this.leaveTypesById.get(id));
	}

	/**
	 * What {@code leave_balances} reports for an employee and a leave type on a date.
	 * Cycles are calendar years. Consistent by construction:
	 * {@code leaveBalance = historicalCyclesLeft + balanceInCurrentCycle}, where
	 * {@code historicalCyclesLeft = historyCycleAccrual - takenHistoryCycle} and
	 * {@code balanceInCurrentCycle = thisCycleTotal - thisCycleTaken}; leave taken uses
	 * up the carried-over balance first.
	 */
	public Balance balance(Employee employee, LeaveType leaveType, LocalDate asOfDate) {
		return this.ledger.balance(employee, leaveType, asOfDate);
	}

	/**
	 * Every grant record of an employee and leave type that expires in the given calendar
	 * year, by date.
	 */
	public List<Grant> grants(Employee employee, LeaveType leaveType, int expirationYear) {
		return this.ledger.grants(employee, leaveType, expirationYear);
	}

	/**
	 * The grant records of an employee and leave type expiring between two dates, both
	 * included, by date.
	 */
	public List<Grant> grantsExpiring(Employee employee, LeaveType leaveType, LocalDate from, LocalDate to) {
		List<Grant> found = new ArrayList<>();
		for (int year = from.getYear(); year <= to.getYear(); year++) {
			for (Grant grant : grants(employee, leaveType, year)) {
				if (!grant.expirationDate().isBefore(from) && !grant.expirationDate().isAfter(to)) {
					found.add(grant);
				}
			}
		}
		return found;
	}

	@Override
	public String toString() {
		return "SandboxDirectory[seed=" + this.seed + ", employees=" + this.employees.size() + "]";
	}

	/** The four ways Feishu names an employee, by their {@code user_id_type} value. */
	public enum IdType {

		/** {@code people_corehr_id}: 19 digits. */
		PEOPLE_COREHR_ID("people_corehr_id"),

		/** {@code open_id}: {@code ou_} and 32 hex digits. */
		OPEN_ID("open_id"),

		/** {@code union_id}: {@code on_} and 32 hex digits. */
		UNION_ID("union_id"),

		/** {@code user_id}: eight letters and digits. */
		USER_ID("user_id");

		private final String wireName;

		IdType(String wireName) {
			this.wireName = wireName;
		}

		/** The {@code user_id_type} query value. */
		public String wireName() {
			return this.wireName;
		}

		/** The type named by a {@code user_id_type} value, if it is one. */
		public static Optional<IdType> ofWireName(String wireName) {
			return Arrays.stream(values()).filter((type) -> type.wireName.equals(wireName)).findFirst();
		}

	}

	/** Unit of a leave type and of its grants, with Feishu's code. */
	public enum Unit {

		/** Code 1. */
		DAY(1),

		/** Code 2. */
		HOUR(2);

		private final int code;

		Unit(int code) {
			this.code = code;
		}

		/** Feishu's {@code leave_duration_unit} / {@code granting_unit} value. */
		public int code() {
			return this.code;
		}

	}

	/**
	 * One language version of a name.
	 *
	 * @param lang {@code zh-CN} or {@code en-US} ({@code zh_CN} / {@code en_US} in grant
	 * reasons)
	 * @param value the text
	 */
	public record Text(String lang, String value) {
	}

	/**
	 * A simulated employee.
	 *
	 * @param index position in {@link SandboxDirectory#employees()}
	 * @param peopleCorehrId 19 digits
	 * @param openId {@code ou_} and 32 hex digits
	 * @param unionId {@code on_} and 32 hex digits
	 * @param userId eight letters and digits
	 * @param name zh-CN first, then en-US unless the employee has a Chinese name only
	 */
	public record Employee(int index, String peopleCorehrId, String openId, String unionId, String userId,
			List<Text> name) {

		/** This employee's id of the given type. */
		public String id(IdType type) {
			return switch (type) {
				case PEOPLE_COREHR_ID -> this.peopleCorehrId;
				case OPEN_ID -> this.openId;
				case UNION_ID -> this.unionId;
				case USER_ID -> this.userId;
			};
		}

	}

	/**
	 * A leave type.
	 *
	 * @param index position in {@link SandboxDirectory#leaveTypes()}
	 * @param id 19 digits
	 * @param name zh-CN and en-US
	 * @param unit day or hour
	 */
	public record LeaveType(int index, String id, List<Text> name, Unit unit) {
	}

	/**
	 * A balance as {@code leave_balances} reports it; the last five are the
	 * {@code include_offboard} fields.
	 *
	 * @param asOfDate the date it is computed for
	 * @param historicalCyclesLeft carried over from earlier years and still left
	 * @param thisCycleTotal granted (accrued) this year
	 * @param thisCycleTaken taken this year out of this year's grant
	 * @param leaveBalance all that is left
	 * @param balanceInCurrentCycle left of this year's grant
	 * @param takenHistoryCycle taken this year out of the carried-over balance
	 * @param historyCycleAccrual carried over into this year
	 * @param taken all taken this year
	 * @param offboardingBalance what would be left if the employee left on the date
	 * @param takenCurrentDate taken up to the date
	 * @param offboardingGranted this year's grant prorated to the date
	 */
	public record Balance(LocalDate asOfDate, BigDecimal historicalCyclesLeft, BigDecimal thisCycleTotal,
			BigDecimal thisCycleTaken, BigDecimal leaveBalance, BigDecimal balanceInCurrentCycle,
			BigDecimal takenHistoryCycle, BigDecimal historyCycleAccrual, BigDecimal taken,
			BigDecimal offboardingBalance, BigDecimal takenCurrentDate, BigDecimal offboardingGranted) {

		static Balance of(LocalDate asOfDate, BigDecimal carried, BigDecimal granted, BigDecimal taken,
				BigDecimal proratedGrant) {
			BigDecimal takenFromHistory = taken.min(carried);
			BigDecimal takenFromCycle = taken.subtract(takenFromHistory);
			return new Balance(asOfDate, carried.subtract(takenFromHistory), granted, takenFromCycle,
					carried.add(granted).subtract(taken), granted.subtract(takenFromCycle), takenFromHistory, carried,
					taken, carried.add(proratedGrant).subtract(taken), taken, proratedGrant);
		}

	}

	/**
	 * A grant record, as {@code leave_employ_expire_records} reports it.
	 *
	 * @param id 19 digits
	 * @param leaveType what was granted
	 * @param grantingQuantity how much, in the leave type's unit
	 * @param leftGrantingQuantity how much of it is left
	 * @param effectiveDate first day it can be used
	 * @param expirationDate last day it can be used
	 * @param reason zh_CN and en_US
	 * @param updatedByExternal whether an external system changed it
	 * @param accrualSource 1 system, 2 manual, 3 external system, 4 virtual, 5 legacy
	 * import, 6 overtime
	 * @param leaveSubTypeId a sub-type id, or empty
	 * @param sectionType 1 not prorated, 2 prorated
	 */
	public record Grant(String id, LeaveType leaveType, BigDecimal grantingQuantity, BigDecimal leftGrantingQuantity,
			LocalDate effectiveDate, LocalDate expirationDate, List<Text> reason, boolean updatedByExternal,
			int accrualSource, String leaveSubTypeId, int sectionType) {
	}

}
