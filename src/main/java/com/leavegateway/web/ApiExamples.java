package com.leavegateway.web;

/**
 * Example values for the API documentation, taken from the sandbox's seeded data (default
 * seed), so that Swagger UI's "Try it out" works against the sandbox as it stands.
 */
public final class ApiExamples {

	/** An employee of the sandbox, as people_corehr_id. */
	public static final String EMPLOYEE_ID = "7383310440851843102";

	/** Two employees, comma-separated. */
	public static final String EMPLOYEE_IDS = "7383310440851843102";

	/** The sandbox's annual leave type. */
	public static final String LEAVE_TYPE_ID = "7896043416278968049";

	public static final String DATE = "2026-11-21";

	private ApiExamples() {
	}

}
