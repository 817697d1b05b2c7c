package com.leavegateway.web;

import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@link JsonParts} go out through their own converter, ahead of the JSON converter
 * (which would otherwise serialise them as a bean). A component rather than a bean
 * method, so that controller slice tests have it too.
 */
@Component
class JsonPartsMvcConfigurer implements WebMvcConfigurer {

	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.addCustomConverter(new JsonPartsConverter());
	}

}
