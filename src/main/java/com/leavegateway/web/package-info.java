/**
 * System concerns shared by the features: gateway settings, request parameter checks, the
 * caller's language, JSON settings, and the one place that turns every failure into RFC
 * 9457 problem details.
 */
@NullMarked
package com.leavegateway.web;

import org.jspecify.annotations.NullMarked;
