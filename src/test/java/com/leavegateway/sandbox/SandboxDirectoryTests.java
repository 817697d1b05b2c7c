package com.leavegateway.sandbox;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.leavegateway.sandbox.SandboxDirectory.Balance;
import com.leavegateway.sandbox.SandboxDirectory.Employee;
import com.leavegateway.sandbox.SandboxDirectory.Grant;
import com.leavegateway.sandbox.SandboxDirectory.IdType;
import com.leavegateway.sandbox.SandboxDirectory.LeaveType;
import com.leavegateway.sandbox.SandboxDirectory.Unit;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxDirectoryTests {

	private static final SandboxDirectory directory = new SandboxDirectory(20240229L, 1200);

	@Test
	void sameSeedSameDataAndAnotherSeedOtherData() {
		SandboxDirectory twin = new SandboxDirectory(20240229L, 1200);
		assertThat(twin.employees()).isEqualTo(directory.employees());
		assertThat(twin.leaveTypes()).isEqualTo(directory.leaveTypes());
		LocalDate date = LocalDate.of(2025, 8, 15);
		for (Employee employee : directory.employees().subList(0, 50)) {
			for (LeaveType type : directory.leaveTypes()) {
				assertThat(twin.balance(employee, type, date)).isEqualTo(directory.balance(employee, type, date));
				assertThat(twin.grants(employee, type, 2025)).isEqualTo(directory.grants(employee, type, 2025));
			}
		}
		SandboxDirectory other = new SandboxDirectory(7L, 1200);
		assertThat(other.employees().get(0).peopleCorehrId())
			.isNotEqualTo(directory.employees().get(0).peopleCorehrId());
	}

	@Test
	void idsHaveFeishuShapesAndAreUnique() {
		assertThat(directory.employees()).hasSize(1200);
		Set<String> seen = new HashSet<>();
		for (Employee employee : directory.employees()) {
			assertThat(employee.peopleCorehrId()).matches("[1-9][0-9]{18}");
			assertThat(employee.openId()).matches("ou_[0-9a-f]{32}");
			assertThat(employee.unionId()).matches("on_[0-9a-f]{32}");
			assertThat(employee.userId()).matches("[a-z0-9]{8}");
			for (IdType type : IdType.values()) {
				assertThat(seen.add(employee.id(type))).isTrue();
				assertThat(directory.employee(type, employee.id(type))).contains(employee);
			}
			assertThat(employee.name().get(0).lang()).isEqualTo("zh-CN");
		}
		assertThat(directory.employees().get(SandboxDirectory.ZH_ONLY_EMPLOYEE).name()).hasSize(1);
		assertThat(directory.employees().get(0).name()).extracting(SandboxDirectory.Text::lang)
			.containsExactly("zh-CN", "en-US");
		assertThat(directory.leaveTypes()).hasSize(6)
			.allSatisfy((type) -> assertThat(type.id()).matches("[1-9][0-9]{18}"));
		assertThat(directory.leaveTypes()).extracting(LeaveType::unit)
			.containsExactly(Unit.DAY, Unit.DAY, Unit.DAY, Unit.HOUR, Unit.DAY, Unit.HOUR);
		assertThat(directory.leaveTypes().get(0).name().get(1).value()).isEqualTo("Annual leave");
		assertThat(directory.employee(IdType.OPEN_ID, directory.employees().get(0).peopleCorehrId())).isEmpty();
	}

	@Test
	void knownBalancesHoldOnEveryDate() {
		Employee tiny = directory.employees().get(SandboxDirectory.TINY_BALANCE_EMPLOYEE);
		Employee negative = directory.employees().get(SandboxDirectory.NEGATIVE_BALANCE_EMPLOYEE);
		for (LocalDate date : List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2025, 7, 1), LocalDate.of(2026, 12, 31))) {
			assertThat(
					directory.balance(tiny, directory.leaveTypes().get(SandboxDirectory.TINY_BALANCE_LEAVE_TYPE), date)
						.leaveBalance())
				.isEqualByComparingTo("0.000001");
			assertThat(directory
				.balance(negative, directory.leaveTypes().get(SandboxDirectory.NEGATIVE_BALANCE_LEAVE_TYPE), date)
				.leaveBalance()).isEqualByComparingTo("-1.5");
		}
	}

	@Test
	void balancesAreConsistentMoveWithTheDateAndSomeAreNegative() {
		LocalDate spring = LocalDate.of(2025, 3, 1);
		LocalDate autumn = LocalDate.of(2025, 10, 1);
		int negatives = 0;
		for (Employee employee : directory.employees()) {
			for (LeaveType type : directory.leaveTypes()) {
				Balance early = directory.balance(employee, type, spring);
				Balance late = directory.balance(employee, type, autumn);
				for (Balance b : List.of(early, late)) {
					assertThat(b.leaveBalance())
						.isEqualByComparingTo(b.historicalCyclesLeft().add(b.balanceInCurrentCycle()));
					assertThat(b.historicalCyclesLeft())
						.isEqualByComparingTo(b.historyCycleAccrual().subtract(b.takenHistoryCycle()));
					assertThat(b.balanceInCurrentCycle())
						.isEqualByComparingTo(b.thisCycleTotal().subtract(b.thisCycleTaken()));
					assertThat(b.taken()).isEqualByComparingTo(b.thisCycleTaken().add(b.takenHistoryCycle()));
				}
				assertThat(late.taken()).isGreaterThanOrEqualTo(early.taken());
				if (late.leaveBalance().signum() < 0) {
					negatives++;
				}
			}
			Balance annualEarly = directory.balance(employee, directory.leaveTypes().get(0), spring);
			Balance annualLate = directory.balance(employee, directory.leaveTypes().get(0), autumn);
			assertThat(annualLate.thisCycleTotal()).isGreaterThan(annualEarly.thisCycleTotal());
		}
		assertThat(negatives).isBetween(2, 1200 * 6 / 10);
	}

	@Test
	void grantsExpireWithinTheirYearAndAWindowFindsTheRightOnes() {
		Employee employee = directory.employees().get(5);
		int withRecordsIn90Days = 0;
		LocalDate from = LocalDate.of(2025, 11, 15);
		LocalDate to = from.plusDays(90);
		for (Employee each : directory.employees()) {
			boolean any = false;
			for (LeaveType type : directory.leaveTypes()) {
				List<Grant> grants = directory.grantsExpiring(each, type, from, to);
				any |= !grants.isEmpty();
				assertThat(grants).allSatisfy((grant) -> {
					assertThat(grant.expirationDate()).isBetween(from, to);
					assertThat(grant.effectiveDate()).isBefore(grant.expirationDate());
					assertThat(grant.leftGrantingQuantity()).isLessThanOrEqualTo(grant.grantingQuantity());
					assertThat(grant.accrualSource()).isBetween(1, 6);
					assertThat(grant.sectionType()).isBetween(1, 2);
				});
			}
			withRecordsIn90Days += any ? 1 : 0;
		}
		assertThat(withRecordsIn90Days).isGreaterThan(1000);
		for (LeaveType type : directory.leaveTypes()) {
			assertThat(directory.grants(employee, type, 2025)).hasSizeLessThanOrEqualTo(5)
				.allSatisfy((grant) -> assertThat(grant.expirationDate().getYear()).isEqualTo(2025));
		}
		List<Grant> all = directory.leaveTypes()
			.stream()
			.flatMap((type) -> directory.grants(employee, type, 2025).stream())
			.toList();
		assertThat(all).extracting(Grant::leaveSubTypeId).contains("");
		assertThat(all).extracting(Grant::grantingQuantity)
			.allSatisfy((q) -> assertThat(q).isGreaterThan(BigDecimal.ZERO));
	}

	@Test
	void theExampleEmployeeHasAnnualLeaveExpiringInEveryDefaultWindow() {
		Employee employee = directory.employees().get(SandboxDirectory.EXPIRING_GRANTS_EMPLOYEE);
		LeaveType annual = directory.leaveTypes().get(SandboxDirectory.EXPIRING_GRANTS_LEAVE_TYPE);
		assertThat(annual.name()).contains(new SandboxDirectory.Text("en-US", "Annual leave"));
		assertThat(directory.grants(employee, annual, 2027)).extracting(Grant::expirationDate)
			.extracting(LocalDate::getMonthValue)
			.containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
		for (LocalDate today = LocalDate.of(2026, 1, 1); today.getYear() < 2028; today = today.plusDays(1)) {
			List<Grant> window = directory.grantsExpiring(employee, annual, today, today.plusDays(90));
			assertThat(window).as(today.toString())
				.hasSizeGreaterThanOrEqualTo(2)
				.allSatisfy((grant) -> assertThat(grant.leftGrantingQuantity()).isPositive());
		}
	}

}
