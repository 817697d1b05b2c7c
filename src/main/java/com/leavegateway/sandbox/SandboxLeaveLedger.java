package com.leavegateway.sandbox;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import com.leavegateway.sandbox.SandboxDirectory.Balance;
import com.leavegateway.sandbox.SandboxDirectory.Employee;
import com.leavegateway.sandbox.SandboxDirectory.Grant;
import com.leavegateway.sandbox.SandboxDirectory.LeaveType;
import com.leavegateway.sandbox.SandboxDirectory.Text;
import com.leavegateway.sandbox.SandboxDirectory.Unit;

/**
 * The simulated tenant's leave figures: each employee's balances on any date and the
 * grant records expiring in any year. Every figure is drawn from a random stream seeded
 * by the directory's seed and the figure's coordinates (employee, leave type, year), so
 * it is the same whenever and in whatever order it is asked for.
 */
final class SandboxLeaveLedger {

	/** The six leave types: names, unit, and the rules their balances follow. */
	static final Policy[] POLICIES = { new Policy("年假", "Annual leave", Unit.DAY, true, new BigDecimal("5")),
			new Policy("病假", "Sick leave", Unit.DAY, false, BigDecimal.ZERO),
			new Policy("事假", "Personal leave", Unit.DAY, false, BigDecimal.ZERO),
			new Policy("调休假", "Compensatory leave", Unit.HOUR, true, new BigDecimal("16")),
			new Policy("婚假", "Marriage leave", Unit.DAY, false, BigDecimal.ZERO),
			new Policy("育儿假", "Parental leave", Unit.HOUR, false, BigDecimal.ZERO) };

	private static final BigDecimal HALF = new BigDecimal("0.5");

	private static final BigDecimal TINY = new BigDecimal("0.000001");

	// Salts keep the random streams of different facts about the same employee
	// independent.
	private static final long SALT_YEAR = 0xCAFEL;

	private static final long SALT_CARRY = 0xC0FFEEL;

	private static final long SALT_GRANTS = 0x6EA27L;

	private static final String[][] REASONS = { { "系统发放", "Granted by the system" }, { "人工发放", "Granted by HR" },
			{ "外部系统发放", "Granted by an external system" }, { "虚拟发放", "Virtual grant" },
			{ "旧系统导入", "Imported from the legacy system" }, { "加班转入", "Converted from overtime" } };

	private static final int[] VALIDITY_DAYS = { 90, 180, 365, 730 };

	private final long seed;

	private final String sickLeaveSubTypeId;

	SandboxLeaveLedger(long seed, String sickLeaveSubTypeId) {
		this.seed = seed;
		this.sickLeaveSubTypeId = sickLeaveSubTypeId;
	}

	/** See {@link SandboxDirectory#balance}. */
	Balance balance(Employee employee, LeaveType leaveType, LocalDate asOfDate) {
		if (employee.index() == SandboxDirectory.NEGATIVE_BALANCE_EMPLOYEE
				&& leaveType.index() == SandboxDirectory.NEGATIVE_BALANCE_LEAVE_TYPE) {
			return Balance.of(asOfDate, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("1.5"), BigDecimal.ZERO);
		}
		if (employee.index() == SandboxDirectory.TINY_BALANCE_EMPLOYEE
				&& leaveType.index() == SandboxDirectory.TINY_BALANCE_LEAVE_TYPE) {
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

	/** See {@link SandboxDirectory#grants}. */
	List<Grant> grants(Employee employee, LeaveType leaveType, int expirationYear) {
		Random random = new Random(mix(this.seed, SALT_GRANTS, employee.index(), leaveType.index(), expirationYear));
		// The documented example employee's annual leave expires monthly, so "Try it out"
		// with the default window (today + 90 days) finds grants whatever the date.
		boolean monthly = employee.index() == SandboxDirectory.EXPIRING_GRANTS_EMPLOYEE
				&& leaveType.index() == SandboxDirectory.EXPIRING_GRANTS_LEAVE_TYPE;
		int count = monthly ? 12 : random.nextInt(6);
		List<Grant> grants = new ArrayList<>(count);
		int days = LocalDate.of(expirationYear, 1, 1).lengthOfYear();
		for (int i = 0; i < count; i++) {
			LocalDate expiration = monthly ? YearMonth.of(expirationYear, i + 1).atEndOfMonth()
					: LocalDate.ofYearDay(expirationYear, 1 + random.nextInt(days));
			LocalDate effective = expiration.minusDays(VALIDITY_DAYS[random.nextInt(VALIDITY_DAYS.length)] - 1L);
			int halves = 1 + random.nextInt((leaveType.unit() == Unit.DAY) ? 20 : 32);
			BigDecimal quantity = HALF.multiply(BigDecimal.valueOf(halves));
			int quarters = monthly ? 1 + random.nextInt(4) : random.nextInt(5);
			BigDecimal left = quantity.multiply(BigDecimal.valueOf(quarters))
				.divide(BigDecimal.valueOf(4), 6, RoundingMode.HALF_UP);
			int source = (leaveType.index() == 3 && random.nextInt(10) < 7) ? 6 : 1 + random.nextInt(5);
			boolean external = source == 3 || random.nextInt(20) == 0;
			String subType = (leaveType.index() == 1 && random.nextBoolean()) ? this.sickLeaveSubTypeId : "";
			int sectionType = 1 + random.nextInt(2);
			String[] reason = REASONS[source - 1];
			grants.add(new Grant(SandboxPeople.numericId(random), leaveType, quantity.stripTrailingZeros(),
					left.stripTrailingZeros(), effective, expiration,
					// zh_CN / en_US, as in the expire-records document (leave_balances
					// uses zh-CN).
					List.of(new Text("zh_CN", reason[0]), new Text("en_US", reason[1])), external, source, subType,
					sectionType));
		}
		grants.sort(Comparator.comparing(Grant::expirationDate).thenComparing(Grant::id));
		return grants;
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

	/**
	 * A seed for one fact, from the directory's seed and the fact's coordinates
	 * (SplitMix64 finalizer).
	 */
	static long mix(long seed, long... parts) {
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

	/**
	 * A leave type's names and unit, whether it accrues through the year, and its
	 * carry-over cap.
	 */
	record Policy(String zh, String en, Unit unit, boolean accrues, BigDecimal carryCap) {
	}

	private record Year(BigDecimal entitlement, BigDecimal taken) {
	}

}
