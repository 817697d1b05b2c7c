package com.leavegateway.balances;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * ETags on balance resources: a caller that sends If-None-Match with an unchanged answer
 * gets 304.
 */
@Configuration(proxyBeanMethods = false)
class BalanceWebConfiguration {

	@Bean
	FilterRegistrationBean<ShallowEtagHeaderFilter> balanceEtags() {
		FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(
				new ShallowEtagHeaderFilter());
		registration.addUrlPatterns("/api/v1/leave-balances", "/api/v1/employees/*");
		registration.setName("balanceEtags");
		return registration;
	}

}
