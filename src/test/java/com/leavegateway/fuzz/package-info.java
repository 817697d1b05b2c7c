/**
 * Hostile input: jqwik properties over every query parameter, path parameter and header
 * of the four read endpoints, sent byte for byte over a plain socket to one running
 * gateway ({@link com.leavegateway.fuzz.FuzzedGateway}) in front of a stand-in Feishu
 * whose journal shows what reached it; plus the request size limits and the refusals of
 * Tomcat and Spring Security's firewall, case by case.
 */
@NullMarked
package com.leavegateway.fuzz;

import org.jspecify.annotations.NullMarked;
