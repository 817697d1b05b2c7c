package com.leavegateway.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import com.leavegateway.sandbox.SandboxDirectory.Employee;
import com.leavegateway.support.MutableClock;
import com.leavegateway.problem.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The fault switch's rules, on a clock the test moves. */
class SandboxFaultsTests {

	/** The defaults of {@code sandbox.faults.*}. */
	static final SandboxProperties.Faults LIMITS = new SandboxProperties.Faults(Duration.ofMinutes(5),
			Duration.ofHours(24), Duration.ofSeconds(60), 100);

	private static final SandboxDirectory directory = new SandboxDirectory(42, 50);

	private final MutableClock clock = new MutableClock(Instant.parse("2025-06-30T02:00:00Z"));

	private final SandboxFaults faults = new SandboxFaults(directory, LIMITS, this.clock);

	private final Employee alice = directory.employees().get(3);

	private final Employee bob = directory.employees().get(4);

	@Test
	void aFaultSwitchesItselfOffWhenItsTimeIsUp() {
		SandboxFault fault = this.faults
			.switchOn(request(SandboxFaultType.RATE_LIMITED, null, "90s", null, null, null));
		assertThat(fault.until()).isEqualTo(this.clock.instant().plusSeconds(90));
		this.clock.advance(Duration.ofSeconds(29).plusMillis(500));
		// The reset is the time left, in whole seconds rounded up.
		assertThatExceptionOfType(SandboxError.class).isThrownBy(() -> this.faults.failIfRateLimited(100))
			.satisfies((error) -> {
				assertThat(error.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
				assertThat(error.code()).isEqualTo(99991400);
				assertThat(error.headers().getFirst("x-ogw-ratelimit-reset")).isEqualTo("61");
				assertThat(error.headers().getFirst("x-ogw-ratelimit-limit")).isEqualTo("100");
			});
		this.clock.advance(Duration.ofSeconds(60).plusMillis(500));
		assertThatNoException().isThrownBy(() -> this.faults.failIfRateLimited(100));
		assertThat(this.faults.active()).isEmpty();
	}

	@Test
	void withoutADurationAFaultLastsTheDefault() {
		SandboxFault fault = this.faults.switchOn(request(SandboxFaultType.SLOW, null, null, null, null, "2s"));
		assertThat(fault.until()).isEqualTo(this.clock.instant().plus(LIMITS.defaultDuration()));
		assertThat(this.faults.addedLatency()).isEqualTo(Duration.ofSeconds(2));
		this.faults.switchOn(request(SandboxFaultType.SLOW, null, "1m", null, null, "PT0.5S"));
		// Two slow faults: the slower one counts, not the sum.
		assertThat(this.faults.addedLatency()).isEqualTo(Duration.ofSeconds(2));
		this.clock.advance(LIMITS.defaultDuration());
		assertThat(this.faults.addedLatency()).isZero();
	}

	@Test
	void serverErrorsLimitedToCallsEndAfterThem() {
		SandboxFault fault = this.faults.switchOn(request(SandboxFaultType.SERVER_ERRORS, null, "1h", 500, 2, null));
		assertThat(fault.status()).isEqualTo(500);
		assertThat(fault.callsLeft()).isEqualTo(2);
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(SandboxOutage.class).isThrownBy(this.faults::failIfServerErrors)
				.satisfies((outage) -> assertThat(outage.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR));
		}
		assertThatNoException().isThrownBy(this.faults::failIfServerErrors);
		assertThat(this.faults.active()).isEmpty();
	}

	@Test
	void serverErrorsWithoutCallsFailEveryCallUntilTheEnd() {
		SandboxFault fault = this.faults
			.switchOn(request(SandboxFaultType.SERVER_ERRORS, null, "10s", null, null, null));
		assertThat(fault.status()).isEqualTo(503);
		assertThat(fault.callsLeft()).isNull();
		for (int i = 0; i < 5; i++) {
			assertThatExceptionOfType(SandboxOutage.class).isThrownBy(this.faults::failIfServerErrors);
		}
		this.clock.advance(Duration.ofSeconds(10));
		assertThatNoException().isThrownBy(this.faults::failIfServerErrors);
	}

	@Test
	void employeeFaultsConcernTheCallsThatNameTheEmployeeByAnyId() {
		this.faults.switchOn(request(SandboxFaultType.EMPLOYEE_REFUSED, this.alice.openId(), null, null, null, null));
		this.faults.switchOn(request(SandboxFaultType.CALCULATION_ERROR, this.bob.userId(), null, null, null, null));
		assertThat(refusal(() -> this.faults.failLeaveBalances(List.of(this.bob, this.alice))).code())
			.isEqualTo(1160035);
		SandboxError calculation = refusal(() -> this.faults.failLeaveBalances(List.of(this.bob)));
		assertThat(calculation.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
		assertThat(calculation.code()).isEqualTo(1160018);
		assertThat(calculation.getMessage()).isEqualTo("Invalid leave balance calculate Conf");
		assertThat(refusal(() -> this.faults.failExpireRecords(this.bob)).code()).isEqualTo(1220018);
		// Only leave_balances documents the refusal; a listing names no one.
		assertThatNoException().isThrownBy(() -> this.faults.failExpireRecords(this.alice));
		assertThatNoException().isThrownBy(() -> this.faults.failLeaveBalances(List.of()));
		assertThatNoException().isThrownBy(() -> this.faults.failLeaveBalances(List.of(directory.employees().get(5))));
	}

	@Test
	void aCalculationErrorWithoutAnEmployeeConcernsEveryCall() {
		this.faults.switchOn(request(SandboxFaultType.CALCULATION_ERROR, null, null, null, null, null));
		assertThat(refusal(() -> this.faults.failLeaveBalances(List.of())).code()).isEqualTo(1160018);
		assertThat(refusal(() -> this.faults.failExpireRecords(this.alice)).code()).isEqualTo(1220018);
	}

	@Test
	void faultsAreListedAndSwitchedOffById() {
		SandboxFault first = this.faults.switchOn(request(SandboxFaultType.SLOW, null, null, null, null, "1s"));
		SandboxFault second = this.faults
			.switchOn(request(SandboxFaultType.RATE_LIMITED, null, null, null, null, null));
		assertThat(this.faults.active()).containsExactly(first, second);
		assertThat(this.faults.switchOff(first.id())).isTrue();
		assertThat(this.faults.switchOff(first.id())).isFalse();
		assertThat(this.faults.active()).containsExactly(second);
		this.faults.switchOffAll();
		assertThat(this.faults.active()).isEmpty();
	}

	@Test
	void atMostMaxActiveFaults() {
		SandboxFaults two = new SandboxFaults(directory,
				new SandboxProperties.Faults(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofSeconds(1), 2),
				this.clock);
		two.switchOn(request(SandboxFaultType.SLOW, null, "10s", null, null, "1ms"));
		two.switchOn(request(SandboxFaultType.SLOW, null, "20s", null, null, "1ms"));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> two.switchOn(request(SandboxFaultType.SLOW, null, null, null, null, "1ms")))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(HttpStatus.CONFLICT);
				assertThat(ex.code()).isEqualTo("TOO_MANY_FAULTS");
			});
		// An ended fault makes room.
		this.clock.advance(Duration.ofSeconds(10));
		assertThatNoException()
			.isThrownBy(() -> two.switchOn(request(SandboxFaultType.SLOW, null, null, null, null, "1ms")));
	}

	@Test
	void badRequestsNameTheirField() {
		assertInvalid(request(null, null, null, null, null, null), "type");
		assertInvalid(request(SandboxFaultType.EMPLOYEE_REFUSED, null, null, null, null, null), "employeeId");
		assertInvalid(request(SandboxFaultType.EMPLOYEE_REFUSED, "ou_nobody", null, null, null, null), "employeeId");
		assertInvalid(request(SandboxFaultType.SLOW, this.alice.openId(), null, null, null, "1s"), "employeeId");
		assertInvalid(request(SandboxFaultType.SLOW, null, null, null, null, null), "latency");
		assertInvalid(request(SandboxFaultType.SLOW, null, null, null, null, "61s"), "latency");
		assertInvalid(request(SandboxFaultType.SLOW, null, null, 500, null, "1s"), "status");
		assertInvalid(request(SandboxFaultType.RATE_LIMITED, null, null, null, 3, null), "calls");
		assertInvalid(request(SandboxFaultType.RATE_LIMITED, null, null, null, null, "1s"), "latency");
		assertInvalid(request(SandboxFaultType.SERVER_ERRORS, null, null, 404, null, null), "status");
		assertInvalid(request(SandboxFaultType.SERVER_ERRORS, null, null, null, 0, null), "calls");
		for (String duration : List.of("30", "", "soon", "0s", "25h", "-5m")) {
			assertInvalid(request(SandboxFaultType.RATE_LIMITED, null, duration, null, null, null), "duration");
		}
		assertThat(this.faults.active()).isEmpty();
	}

	private void assertInvalid(SandboxFaultRequest request, String field) {
		assertThatExceptionOfType(ApiException.class).as("%s", request)
			.isThrownBy(() -> this.faults.switchOn(request))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(HttpStatus.BAD_REQUEST);
				assertThat(ex.code()).isEqualTo("INVALID_PARAMETER");
				assertThat(ex.properties()).containsEntry("parameter", field);
			});
	}

	private static SandboxError refusal(Runnable call) {
		try {
			call.run();
		}
		catch (SandboxError error) {
			return error;
		}
		throw new AssertionError("no SandboxError");
	}

	private static SandboxFaultRequest request(SandboxFaultType type, String employeeId, String duration,
			Integer status, Integer calls, String latency) {
		return new SandboxFaultRequest(type, employeeId, duration, status, calls, latency);
	}

}
