package com.leavegateway.cache;

/**
 * A cache key that belongs to one employee, so that ops can evict everything cached about
 * that employee.
 */
public interface EmployeeScopedKey {

	String employeeId();

}
