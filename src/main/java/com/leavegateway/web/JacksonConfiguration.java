package com.leavegateway.web;

import tools.jackson.core.StreamWriteFeature;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** JSON settings of the gateway's own API. */
@Configuration(proxyBeanMethods = false)
class JacksonConfiguration {

	/**
	 * 0.0000001 stays 0.0000001: a BigDecimal is written as a plain JSON number, never as
	 * 1E-7.
	 */
	@Bean
	JsonMapperBuilderCustomizer plainDecimals() {
		return (builder) -> builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
	}

}
