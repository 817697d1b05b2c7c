package com.leavegateway.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * zh-CN name only.</li>
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

	private static final BigDecimal HALF = new BigDecimal("0.5");

	private static final BigDecimal TINY = new BigDecimal("0.000001");

	// Salts keep the random streams of different facts about the same employee
	// independent.
	private static final long SALT_LEAVE_TYPES = 0x1EAFL;

	private static final long SALT_YEAR = 0xCAFEL;

	private static final long SALT_CARRY = 0xC0FFEEL;

	private static final long SALT_GRANTS = 0x6EA27L;

	private static final String[][] SURNAMES = { { "王", "Wang" }, { "李", "Li" }, { "张", "Zhang" }, { "刘", "Liu" },
			{ "陈", "Chen" }, { "杨", "Yang" }, { "黄", "Huang" }, { "赵", "Zhao" }, { "吴", "Wu" }, { "周", "Zhou" },
			{ "徐", "Xu" }, { "孙", "Sun" }, { "马", "Ma" }, { "朱", "Zhu" }, { "胡", "Hu" }, { "郭", "Guo" }, { "何", "He" },
			{ "高", "Gao" }, { "林", "Lin" }, { "罗", "Luo" }, { "郑", "Zheng" }, { "梁", "Liang" }, { "谢", "Xie" },
			{ "宋", "Song" }, { "唐", "Tang" }, { "许", "Xu" }, { "韩", "Han" }, { "冯", "Feng" }, { "邓", "Deng" },
			{ "曹", "Cao" }, { "欧阳", "Ouyang" }, { "司马", "Sima" } };

	private static final String[][] GIVEN = { { "伟", "wei" }, { "芳", "fang" }, { "娜", "na" }, { "敏", "min" },
			{ "静", "jing" }, { "丽", "li" }, { "强", "qiang" }, { "磊", "lei" }, { "军", "jun" }, { "洋", "yang" },
			{ "勇", "yong" }, { "艳", "yan" }, { "杰", "jie" }, { "涛", "tao" }, { "明", "ming" }, { "超", "chao" },
			{ "秀", "xiu" }, { "霞", "xia" }, { "平", "ping" }, { "刚", "gang" }, { "桂", "gui" }, { "英", "ying" },
			{ "华", "hua" }, { "玉", "yu" }, { "兰", "lan" }, { "建", "jian" }, { "国", "guo" }, { "文", "wen" },
			{ "晓", "xiao" }, { "婷", "ting" }, { "宇", "yu" }, { "浩", "hao" }, { "欣", "xin" }, { "子", "zi" },
			{ "轩", "xuan" }, { "睿", "rui" }, { "思", "si" }, { "雨", "yu" }, { "嘉", "jia" }, { "琪", "qi" } };

	/** The six leave types: names, unit, and the rules their balances follow. */
	private static final Policy[] POLICIES = { new Policy("年假", "Annual leave", Unit.DAY, true, new BigDecimal("5")),
			new Policy("病假", "Sick leave", Unit.DAY, false, BigDecimal.ZERO),
			new Policy("事假", "Personal leave", Unit.DAY, false, BigDecimal.ZERO),
			new Policy("调休假", "Compensatory leave", Unit.HOUR, true, new BigDecimal("16")),
			new Policy("婚假", "Marriage leave", Unit.DAY, false, BigDecimal.ZERO),
			new Policy("育儿假", "Parental leave", Unit.HOUR, false, BigDecimal.ZERO) };

	private static final String[][] REASONS = { { "系统发放", "Granted by the system" }, { "人工发放", "Granted by HR" },
			{ "外部系统发放", "Granted by an external system" }, { "虚拟发放", "Virtual grant" },
			{ "旧系统导入", "Imported from the legacy system" }, { "加班转入", "Converted from overtime" } };

	private static final int[] VALIDITY_DAYS = { 90, 180, 365, 730 };

	private final long seed;

	private final List<Employee> employees;

	private final List<LeaveType> leaveTypes;

	private final String sickLeaveSubTypeId;

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
			list.add(newEmployee(i, random, taken));
		}
		this.employees = Collections.unmodifiableList(list);
		Random typeRandom = new Random(mix(seed, SALT_LEAVE_TYPES));
		List<LeaveType> types = new ArrayList<>(POLICIES.length);
		for (int i = 0; i < POLICIES.length; i++) {
			Policy policy = POLICIES[i];
			types.add(new LeaveType(i, unique(taken, () -> numericId(typeRandom)),
					List.of(new Text("zh-CN", policy.zh()), new Text("en-US", policy.en())), policy.unit()));
		}
		this.leaveTypes = List.copyOf(types);
		this.sickLeaveSubTypeId = unique(taken, () -> numericId(typeRandom));
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
		if (employee.index() == NEGATIVE_BALANCE_EMPLOYEE && leaveType.index() == NEGATIVE_BALANCE_LEAVE_TYPE) {
			return Balance.of(asOfDate, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("1.5"), BigDecimal.ZERO);
		}
		if (employee.index() == TINY_BALANCE_EMPLOYEE && leaveType.index() == TINY_BALANCE_LEAVE_TYPE) {
			return Balance.of(asOfDate, BigDecimal.ZERO, TINY, BigDecimal.ZERO, BigDecimal.ZERO);
		}
		Policy policy = POLICIES[leaveType.index()];
		int year = asOfDate.getYear();
		BigDecimal carried = carriedInto(employee, leaveType, year);
		Year cycle = cycle(employee, leaveType, year, carried);
		BigDecimal elapsed = BigDecimal.valueOf(asOfDate.getDayOfYear())
			.divide(BigDecimal.valueOf(asOfDate.lengthOfYear()), 10, RoundingMode.HALF_UP);
		BigDecimal prorated = cycle.entitlement().multiply(elapsed).setScale(2, RoundingMode.HALF_UP);
		BigDecimal granted = policy.accrues() ? prorated : cycle.entitlement();
		// Taken grows through the year in half units, so a later date never shows less
		// taken.
		BigDecimal taken = floorToHalf(cycle.taken().multiply(elapsed));
		return Balance.of(asOfDate, carried, granted, taken, prorated);
	}

	/**
	 * Every grant record of an employee and leave type that expires in the given calendar
	 * year, by date.
	 */
	public List<Grant> grants(Employee employee, LeaveType leaveType, int expirationYear) {
		Random random = new Random(mix(this.seed, SALT_GRANTS, employee.index(), leaveType.index(), expirationYear));
		int count = random.nextInt(6);
		List<Grant> grants = new ArrayList<>(count);
		int days = LocalDate.of(expirationYear, 1, 1).lengthOfYear();
		for (int i = 0; i < count; i++) {
			LocalDate expiration = LocalDate.ofYearDay(expirationYear, 1 + random.nextInt(days));
			LocalDate effective = expiration.minusDays(VALIDITY_DAYS[random.nextInt(VALIDITY_DAYS.length)] - 1L);
			int halves = 1 + random.nextInt((leaveType.unit() == Unit.DAY) ? 20 : 32);
			BigDecimal quantity = HALF.multiply(BigDecimal.valueOf(halves));
			BigDecimal left = quantity.multiply(BigDecimal.valueOf(random.nextInt(5)))
				.divide(BigDecimal.valueOf(4), 6, RoundingMode.HALF_UP);
			int source = (leaveType.index() == 3 && random.nextInt(10) < 7) ? 6 : 1 + random.nextInt(5);
			boolean external = source == 3 || random.nextInt(20) == 0;
			String subType = (leaveType.index() == 1 && random.nextBoolean()) ? this.sickLeaveSubTypeId : "";
			int sectionType = 1 + random.nextInt(2);
			String[] reason = REASONS[source - 1];
			grants.add(new Grant(numericId(random), leaveType, quantity.stripTrailingZeros(), left.stripTrailingZeros(),
					effective, expiration,
					// zh_CN / en_US, as in the expire-records document (leave_balances
					// uses zh-CN).
					List.of(new Text("zh_CN", reason[0]), new Text("en_US", reason[1])), external, source, subType,
					sectionType));
		}
		grants.sort(Comparator.comparing(Grant::expirationDate).thenComparing(Grant::id));
		return grants;
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

	/**
	 * The balance carried into a year: what was left at the end of the previous one,
	 * within the policy's cap.
	 */
	private BigDecimal carriedInto(Employee employee, LeaveType leaveType, int year) {
		BigDecimal cap = POLICIES[leaveType.index()].carryCap();
		if (cap.signum() == 0) {
			return BigDecimal.ZERO;
		}
		// One year of history is enough for plausible numbers; the year before that is
		// drawn at random.
		Random random = new Random(mix(this.seed, SALT_CARRY, employee.index(), leaveType.index(), year - 1));
		BigDecimal carriedBefore = HALF.multiply(BigDecimal.valueOf(random.nextInt(cap.intValue() * 2 + 1)));
		Year previous = cycle(employee, leaveType, year - 1, carriedBefore);
		BigDecimal left = carriedBefore.add(previous.entitlement()).subtract(previous.taken());
		return left.max(BigDecimal.ZERO).min(cap);
	}

	/** A year's entitlement and the leave taken over the whole year. */
	private Year cycle(Employee employee, LeaveType leaveType, int year, BigDecimal carried) {
		Random random = new Random(mix(this.seed, SALT_YEAR, employee.index(), leaveType.index(), year));
		BigDecimal entitlement = switch (leaveType.index()) {
			case 0 -> BigDecimal.valueOf(5 + random.nextInt(11));
			case 1 -> BigDecimal.valueOf(12);
			case 2 -> BigDecimal.valueOf(5);
			case 3 -> HALF.multiply(BigDecimal.valueOf(random.nextInt(161)));
			case 4 -> (random.nextInt(100) < 5) ? BigDecimal.TEN : BigDecimal.ZERO;
			default -> (random.nextInt(100) < 30) ? BigDecimal.valueOf(40) : BigDecimal.ZERO;
		};
		BigDecimal available = carried.add(entitlement);
		boolean overdraws = random.nextInt(100) < 3;
		BigDecimal taken = switch (leaveType.index()) {
			case 0, 3 -> overdraws ? available.add(HALF.multiply(BigDecimal.valueOf(1 + random.nextInt(4))))
					: floorToHalf(available.multiply(BigDecimal.valueOf(random.nextInt(101))).movePointLeft(2));
			case 1 -> HALF.multiply(BigDecimal.valueOf(random.nextInt(13)));
			case 2 -> overdraws ? new BigDecimal("5.5").add(HALF.multiply(BigDecimal.valueOf(random.nextInt(4))))
					: HALF.multiply(BigDecimal.valueOf(random.nextInt(9)));
			default -> (entitlement.signum() > 0)
					? HALF.multiply(BigDecimal.valueOf(random.nextInt(entitlement.intValue() * 2 + 1)))
					: BigDecimal.ZERO;
		};
		return new Year(entitlement, taken);
	}

	private static BigDecimal floorToHalf(BigDecimal value) {
		return value.multiply(BigDecimal.valueOf(2)).setScale(0, RoundingMode.FLOOR).multiply(HALF);
	}

	private static Employee newEmployee(int index, Random random, Set<String> taken) {
		String corehrId = unique(taken, () -> numericId(random));
		String openId = unique(taken, () -> "ou_" + hex(random, 32));
		String unionId = unique(taken, () -> "on_" + hex(random, 32));
		String userId = unique(taken, () -> shortId(random));
		String[] surname = SURNAMES[random.nextInt(SURNAMES.length)];
		String[] first = GIVEN[random.nextInt(GIVEN.length)];
		String[] second = (random.nextInt(3) > 0) ? GIVEN[random.nextInt(GIVEN.length)] : null;
		String zh = surname[0] + first[0] + ((second != null) ? second[0] : "");
		String given = first[1] + ((second != null) ? second[1] : "");
		String en = Character.toUpperCase(given.charAt(0)) + given.substring(1) + " " + surname[1];
		List<Text> name = (index % 100 == ZH_ONLY_EMPLOYEE) ? List.of(new Text("zh-CN", zh))
				: List.of(new Text("zh-CN", zh), new Text("en-US", en));
		return new Employee(index, corehrId, openId, unionId, userId, name);
	}

	private static String unique(Set<String> taken, java.util.function.Supplier<String> generator) {
		String candidate = generator.get();
		while (!taken.add(candidate)) {
			candidate = generator.get();
		}
		return candidate;
	}

	/** A 19-digit id like Feishu's, starting with 7 as recent ones do. */
	private static String numericId(Random random) {
		StringBuilder id = new StringBuilder("7");
		for (int i = 1; i < 19; i++) {
			id.append((char) ('0' + random.nextInt(10)));
		}
		return id.toString();
	}

	private static String hex(Random random, int length) {
		StringBuilder hex = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			hex.append(Character.forDigit(random.nextInt(16), 16));
		}
		return hex.toString();
	}

	/** A user_id like {@code e1a2b3c4}. */
	private static String shortId(Random random) {
		StringBuilder id = new StringBuilder(8);
		for (int i = 0; i < 4; i++) {
			id.append((char) ('a' + random.nextInt(26))).append((char) ('0' + random.nextInt(10)));
		}
		return id.toString();
	}

	/**
	 * A seed for one fact, from the directory's seed and the fact's coordinates
	 * (SplitMix64 finalizer).
	 */
	private static long mix(long seed, long... parts) {
		long hash = seed;
		for (long part : parts) {
			hash = splitMix(hash ^ splitMix(part + 0x9E3779B97F4A7C15L));
		}
		return hash;
	}

	private static long splitMix(long value) {
		long z = value;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
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

	private record Policy(String zh, String en, Unit unit, boolean accrues, BigDecimal carryCap) {
	}

	private record Year(BigDecimal entitlement, BigDecimal taken) {
	}

}
