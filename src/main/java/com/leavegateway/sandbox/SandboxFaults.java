package com.leavegateway.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.HttpStatus;

import com.leavegateway.sandbox.SandboxDirectory.Employee;
import com.leavegateway.problem.ApiException;

/**
 * The faults an admin switched on at {@code /sandbox/faults}, and the simulator's
 * questions to them on every data call. A fault switches itself off when its time is up
 * (SERVER_ERRORS limited to a number of calls also when they have failed); it is then
 * forgotten.
 */
final class SandboxFaults {

	private static final Set<Integer> SERVER_ERROR_STATUSES = Set.of(500, 502, 503, 504);

	private static final String INVALID_CONF = "Invalid leave balance calculate Conf";

	private final SandboxDirectory directory;

	private final SandboxProperties.Faults limits;

	private final Clock clock;

	private final AtomicLong ids = new AtomicLong();

	/** Oldest first; guarded by {@code this}. */
	private final List<Active> active = new ArrayList<>();

	SandboxFaults(SandboxDirectory directory, SandboxProperties.Faults limits, Clock clock) {
		this.directory = directory;
		this.limits = limits;
		this.clock = clock;
	}

	/** Checks the request and switches the fault on. */
	SandboxFault switchOn(SandboxFaultRequest request) {
		SandboxFaultType type = request.type();
		if (type == null) {
			throw ApiException.invalidParameter("type",
					"Field type is required: EMPLOYEE_REFUSED, CALCULATION_ERROR, SERVER_ERRORS, RATE_LIMITED or SLOW.");
		}
		Duration duration = (request.duration() != null)
				? duration("duration", request.duration(), Duration.ofSeconds(1), this.limits.maxDuration())
				: this.limits.defaultDuration();
		Employee employee = employee(type, request.employeeId());
		only(type, SandboxFaultType.SERVER_ERRORS, "status", request.status());
		only(type, SandboxFaultType.SERVER_ERRORS, "calls", request.calls());
		only(type, SandboxFaultType.SLOW, "latency", request.latency());
		int status = (request.status() != null) ? request.status() : HttpStatus.SERVICE_UNAVAILABLE.value();
		if (!SERVER_ERROR_STATUSES.contains(status)) {
			throw ApiException.invalidParameter("status", "Field status must be 500, 502, 503 or 504.");
		}
		if (request.calls() != null && request.calls() < 1) {
			throw ApiException.invalidParameter("calls", "Field calls must be at least 1.");
		}
		Duration latency = null;
		if (type == SandboxFaultType.SLOW) {
			if (request.latency() == null) {
				throw ApiException.invalidParameter("latency", "Field latency is required for SLOW.");
			}
			latency = duration("latency", request.latency(), Duration.ofMillis(1), this.limits.maxLatency());
		}
		synchronized (this) {
			Instant now = this.clock.instant();
			forgetEnded(now);
			if (this.active.size() >= this.limits.maxActive()) {
				throw new ApiException(HttpStatus.CONFLICT, "TOO_MANY_FAULTS",
						"As many faults as sandbox.faults.max-active allows are active; switch some off first.",
						Map.of());
			}
			Active fault = new Active(Long.toString(this.ids.incrementAndGet()), type, request.employeeId(), employee,
					status, (request.calls() != null) ? request.calls() : -1, latency, now.plus(duration));
			this.active.add(fault);
			return fault.view();
		}
	}

	/** The faults active now, oldest first. */
	synchronized List<SandboxFault> active() {
		forgetEnded(this.clock.instant());
		return this.active.stream().map(Active::view).toList();
	}

	/** Switches a fault off; false when no active fault has this id. */
	synchronized boolean switchOff(String id) {
		forgetEnded(this.clock.instant());
		return this.active.removeIf((fault) -> fault.id.equals(id));
	}

	synchronized void switchOffAll() {
		this.active.clear();
	}

	/**
	 * First question of a data call: an outage answers before anything else is looked at.
	 * Each call it fails counts against its {@code calls}.
	 */
	synchronized void failIfServerErrors() {
		Active fault = first(SandboxFaultType.SERVER_ERRORS);
		if (fault != null) {
			if (fault.callsLeft > 0) {
				fault.callsLeft--;
			}
			throw new SandboxOutage(HttpStatus.valueOf(fault.status));
		}
	}

	/**
	 * After the token check, where Feishu's own rate limit answers: 99991400 with the
	 * seconds until the fault ends.
	 */
	synchronized void failIfRateLimited(int limit) {
		Active fault = first(SandboxFaultType.RATE_LIMITED);
		if (fault != null) {
			Duration left = Duration.between(this.clock.instant(), fault.until);
			throw SandboxError.rateLimited(limit, left.getSeconds() + ((left.getNano() > 0) ? 1 : 0));
		}
	}

	/** The latency SLOW faults add to a data call: the largest of them. */
	synchronized Duration addedLatency() {
		forgetEnded(this.clock.instant());
		return this.active.stream()
			.filter((fault) -> fault.type == SandboxFaultType.SLOW)
			.map((fault) -> fault.latency)
			.max(Duration::compareTo)
			.orElse(Duration.ZERO);
	}

	/**
	 * A {@code leave_balances} call that names these employees (none for a listing of
	 * everyone): a refusal comes before a calculation error.
	 */
	synchronized void failLeaveBalances(List<Employee> named) {
		forgetEnded(this.clock.instant());
		for (Active fault : this.active) {
			if (fault.type == SandboxFaultType.EMPLOYEE_REFUSED && named.contains(fault.employee)) {
				throw new SandboxError(HttpStatus.BAD_REQUEST, 1160035, "No permission to access the employee data");
			}
		}
		if (calculationFails(named)) {
			throw new SandboxError(HttpStatus.INTERNAL_SERVER_ERROR, 1160018, INVALID_CONF);
		}
	}

	/** An expire-records call for this employee. */
	synchronized void failExpireRecords(Employee employee) {
		forgetEnded(this.clock.instant());
		if (calculationFails(List.of(employee))) {
			throw new SandboxError(HttpStatus.INTERNAL_SERVER_ERROR, 1220018, INVALID_CONF);
		}
	}

	private boolean calculationFails(List<Employee> named) {
		return this.active.stream()
			.anyMatch((fault) -> fault.type == SandboxFaultType.CALCULATION_ERROR
					&& (fault.employee == null || named.contains(fault.employee)));
	}

	private @Nullable Active first(SandboxFaultType type) {
		forgetEnded(this.clock.instant());
		return this.active.stream().filter((fault) -> fault.type == type).findFirst().orElse(null);
	}

	private void forgetEnded(Instant now) {
		this.active.removeIf((fault) -> !fault.until.isAfter(now) || fault.callsLeft == 0);
	}

	private @Nullable Employee employee(SandboxFaultType type, @Nullable String employeeId) {
		boolean applies = type == SandboxFaultType.EMPLOYEE_REFUSED || type == SandboxFaultType.CALCULATION_ERROR;
		if (employeeId == null) {
			if (type == SandboxFaultType.EMPLOYEE_REFUSED) {
				throw ApiException.invalidParameter("employeeId", "Field employeeId is required for EMPLOYEE_REFUSED.");
			}
			return null;
		}
		if (!applies) {
			throw ApiException.invalidParameter("employeeId",
					"Field employeeId applies to EMPLOYEE_REFUSED and CALCULATION_ERROR only.");
		}
		return this.directory.employeeWithAnyId(employeeId)
			.orElseThrow(() -> ApiException.invalidParameter("employeeId",
					"No sandbox employee has this id (of any id type)."));
	}

	private static void only(SandboxFaultType type, SandboxFaultType owner, String field, @Nullable Object value) {
		if (value != null && type != owner) {
			throw ApiException.invalidParameter(field, "Field " + field + " applies to " + owner + " only.");
		}
	}

	/** A duration with its unit (a bare number is refused: seconds or milliseconds?). */
	private static Duration duration(String field, String text, Duration min, Duration max) {
		Duration duration;
		try {
			if (text.isBlank() || text.strip().chars().allMatch(Character::isDigit)) {
				throw new IllegalArgumentException("no unit");
			}
			duration = DurationStyle.detectAndParse(text.strip());
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalidParameter(field,
					"Field " + field + " must be a duration with its unit, such as 30s, 5m, 1h or PT5M.");
		}
		if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
			throw ApiException.invalidParameter(field,
					"Field " + field + " must be between " + min + " and " + max + " (ISO-8601).");
		}
		return duration;
	}

	/** A fault switched on; {@code callsLeft} is -1 when calls are not counted. */
	private static final class Active {

		private final String id;

		private final SandboxFaultType type;

		private final @Nullable String employeeId;

		private final @Nullable Employee employee;

		private final int status;

		private final @Nullable Duration latency;

		private final Instant until;

		private int callsLeft;

		Active(String id, SandboxFaultType type, @Nullable String employeeId, @Nullable Employee employee, int status,
				int callsLeft, @Nullable Duration latency, Instant until) {
			this.id = id;
			this.type = type;
			this.employeeId = employeeId;
			this.employee = employee;
			this.status = status;
			this.callsLeft = callsLeft;
			this.latency = latency;
			this.until = until;
		}

		SandboxFault view() {
			boolean outage = this.type == SandboxFaultType.SERVER_ERRORS;
			return new SandboxFault(this.id, this.type, this.employeeId, outage ? this.status : null,
					(outage && this.callsLeft >= 0) ? this.callsLeft : null, this.latency, this.until);
		}

	}

}
