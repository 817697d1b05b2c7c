package com.leavegateway.support;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * A leave_balances answer that knows every employee it is asked for: one last page with
 * one employee per {@code employment_id_list} value, named {@code 员工<id>}, with one
 * annual-leave balance of 5 days. For tests that ask for many employees at once
 * (WireMock's response templating writes the page from the request).
 */
public final class EchoingStandIn {

	private EchoingStandIn() {
	}

	public static ResponseDefinitionBuilder everyEmployeeAskedFor() {
		String employee = "{\"employment_id\":\"{{this}}\",\"employment_name\":[{\"lang\":\"zh-CN\",\"value\":\"员工{{this}}\"}],"
				+ "\"as_of_date\":\"2025-06-02\",\"leave_balance_list\":[{\"leave_type_id\":\"7001\","
				+ "\"leave_type_name\":[{\"lang\":\"zh-CN\",\"value\":\"年假\"}],\"historical_cycles_left\":\"0\","
				+ "\"this_cycle_total\":\"5\",\"this_cycle_taken\":\"0\",\"leave_balance\":\"5\","
				+ "\"leave_duration_unit\":1,\"balance_in_current_cycle\":\"5\",\"taken_history_cycle\":\"0\"}]}";
		String body = "{\"code\":0,\"msg\":\"success\",\"data\":{\"has_more\":false,\"employment_leave_balance_list\":["
				+ "{{#each request.query.employment_id_list}}{{#unless @first}},{{/unless}}" + employee + "{{/each}}"
				+ "]}}";
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withBody(body)
			.withTransformers("response-template");
	}

}
