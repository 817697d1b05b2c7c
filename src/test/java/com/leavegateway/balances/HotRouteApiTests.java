package com.leavegateway.balances;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

import com.leavegateway.support.GatewayStackTest;
import com.leavegateway.web.HotRouteHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one-employee balances, where cache hits land, are found by the hot route with what
 * Spring MVC's own lookup gives the request: the handler, the path variable and the
 * pattern the metrics name the request by.
 */
class HotRouteApiTests extends GatewayStackTest {

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mapping;

	@Test
	void theOneEmployeeResourceIsFoundWithItsVariableAndPattern() throws Exception {
		assertThat(this.mapping).isInstanceOf(HotRouteHandlerMapping.class);
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/employees/E1/leave-balances");
		request.addHeader("Accept", "application/json");
		ServletRequestPathUtils.parseAndCache(request);

		HandlerExecutionChain chain = this.mapping.getHandler(request);

		assertThat(chain).isNotNull();
		assertThat(((HandlerMethod) chain.getHandler()).getMethod().getName()).isEqualTo("employeeLeaveBalances");
		assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))
			.hasToString(BalanceController.EMPLOYEE_BALANCES);
		assertThat(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE))
			.isEqualTo(Map.of("employeeId", "E1"));
		assertThat(request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE)).isNotNull();
	}

	@Test
	void aRequestTheResourceDoesNotAnswerIsLookedUpAsBefore() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/employees/E1/leave-balances");
		request.addHeader("Accept", "text/html");
		ServletRequestPathUtils.parseAndCache(request);

		assertThatThrownBy(() -> this.mapping.getHandler(request))
			.isInstanceOf(HttpMediaTypeNotAcceptableException.class);
	}

}
