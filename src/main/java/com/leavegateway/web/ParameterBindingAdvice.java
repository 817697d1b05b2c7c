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
 * <p>
 * Only the records' binders (named after their types) are set up here: Spring MVC makes a
 * binder for every path variable and header argument too, and running this for each of
 * them was a noticeable part of a cache hit. A new parameter record is added to the list.
 */
@ControllerAdvice
class ParameterBindingAdvice {

	@InitBinder({ "balanceParameters", "grantParameters" })
	void queryParametersOnly(WebDataBinder binder) {
		binder.setFieldDefaultPrefix(null);
		binder.setFieldMarkerPrefix(null);
		if (binder instanceof ExtendedServletRequestDataBinder extended) {
			extended.setHeaderPredicate((header) -> false);
		}
	}

}
