package com.leavegateway.web;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.servlet.support.ExtendedServletRequestDataBinder;

/**
 * Parameter records bind query parameters by their names and nothing else. Spring MVC
 * would also fill a component from a request header of the same name ({@code to},
 * {@code idType}) or from {@code !name} and {@code _name} parameters: values no
 * documentation names, and a {@code @RequestParam} never took them.
 */
@ControllerAdvice
class ParameterBindingAdvice {

	@InitBinder
	void queryParametersOnly(WebDataBinder binder) {
		binder.setFieldDefaultPrefix(null);
		binder.setFieldMarkerPrefix(null);
		if (binder instanceof ExtendedServletRequestDataBinder extended) {
			extended.setHeaderPredicate((header) -> false);
		}
	}

}
