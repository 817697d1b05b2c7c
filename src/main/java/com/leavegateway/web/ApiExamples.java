package com.leavegateway.web;

/**
 * Example values for the API documentation, taken from the sandbox's seeded data (default
 * seed), so that Swagger UI's "Try it out" works against the sandbox with its defaults.
 * <p>
 * Each is JSON text, because springdoc reads an example as JSON: a bare 19-digit id would
 * be served as a number, which JavaScript (Swagger UI) rounds to another id. Dates have
 * no example on purpose: absent, they mean today.
 */
public final class ApiExamples {

	/**
	 * An employee of the sandbox, as people_corehr_id: the one whose annual leave expires
	 * every month (SandboxDirectory.EXPIRING_GRANTS_EMPLOYEE).
	 */
	public static final String EMPLOYEE_ID = "\"" + ApiExamples.EMPLOYEE + "\"";

	/** {@link #EMPLOYEE_ID} as the bare id, for paths and stand-ins. */
	public static final String EMPLOYEE = "7383310440851843102";

	/** Two employees of the sandbox, as an array. */
	public static final String EMPLOYEE_IDS = "[" + EMPLOYEE_ID + ", \"7971779156884358619\"]";

	/** The sandbox's annual leave type. */
	public static final String LEAVE_TYPE_ID = "\"" + ApiExamples.LEAVE_TYPE + "\"";

	/** {@link #LEAVE_TYPE_ID} as the bare id, for paths and stand-ins. */
	public static final String LEAVE_TYPE = "7896043416278968049";

	private ApiExamples() {
	}

}
