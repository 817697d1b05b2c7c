/**
 * Every error answer as RFC 9457 problem details with a stable {@code code}:
 * {@link com.leavegateway.problem.Problems}, the one builder, used by the exception
 * advice, the servlet container's error page, Tomcat's error report valve (and its
 * configuration) and the security entry points;
 * {@link com.leavegateway.problem.ApiException} for failures the gateway decides itself;
 * the problem schema of the API documentation.
 */
@NullMarked
package com.leavegateway.problem;

import org.jspecify.annotations.NullMarked;
