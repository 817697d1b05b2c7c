package com.leavegateway.balances;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * ETags on balance resources: a caller that sends If-None-Match with an unchanged answer
 * gets 304. The one-employee resource carries the ETag kept with its cached answer (see
 * {@link CachedEmployee}); the filter digests every other answer it covers.
 */
@Configuration(proxyBeanMethods = false)
class BalanceWebConfiguration {

	@Bean
	FilterRegistrationBean<ShallowEtagHeaderFilter> balanceEtags() {
		FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(
				new BalanceEtagFilter());
		registration.addUrlPatterns("/api/v1/leave-balances", "/api/v1/employees/*");
		registration.setName("balanceEtags");
		return registration;
	}

	/**
	 * One-employee cache hits answered from their bytes ahead of Spring MVC, inside the
	 * security filters.
	 */
	@Bean
	FilterRegistrationBean<CachedHitFilter> cachedHits(BalanceService balances, EmployeeAnswers answers) {
		FilterRegistrationBean<CachedHitFilter> registration = new FilterRegistrationBean<>(
				new CachedHitFilter(balances, answers));
		registration.addUrlPatterns("/api/v1/employees/*");
		registration.setName("cachedHits");
		// After Spring Security's chain (SecurityProperties.DEFAULT_FILTER_ORDER, -100).
		registration.setOrder(0);
		return registration;
	}

	/**
	 * Leaves out the one-employee balances, whose answers carry their own ETag: no copy
	 * of their body, no digest.
	 */
	static final class BalanceEtagFilter extends ShallowEtagHeaderFilter {

		private static final String EMPLOYEES = "/api/v1/employees/";

		private static final String BALANCES = "/leave-balances";

		@Override
		protected boolean shouldNotFilter(HttpServletRequest request) {
			String path = request.getRequestURI().substring(request.getContextPath().length());
			return path.startsWith(EMPLOYEES) && path.endsWith(BALANCES)
					&& path.indexOf('/', EMPLOYEES.length()) == path.length() - BALANCES.length();
		}

	}

}
