package com.leavegateway.support;

import java.net.URI;

import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.leavegateway.feishu.FeishuClient;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Base of the controller validation slices: the real controllers, services, caches and
 * problem answers, with only Feishu's client replaced by a mock that must never be
 * called. Who may call is the security tests' concern, so the filters are off.
 */
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "com\\.leavegateway\\.(ClockConfiguration|(balances|grants|cache|problem|web)\\..*)"))
public abstract class ValidationSliceTest {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private FeishuClient feishu;

	@AfterEach
	void nothingWentUpstream() {
		verifyNoInteractions(this.feishu);
	}

	/**
	 * GET {@code pathAndQuery}, sent as it is (already encoded); {@code headers} are
	 * name, value, name, value...
	 */
	protected ResultActions call(String pathAndQuery, String... headers) throws Exception {
		MockHttpServletRequestBuilder request = get(URI.create(pathAndQuery));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return this.mvc.perform(request);
	}

	/** A 400 INVALID_PARAMETER problem that names {@code parameter}. */
	protected static void assertInvalid(ResultActions result, String parameter) throws Exception {
		result.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.title").value("Bad Request"))
			.andExpect(jsonPath("$.detail").isString())
			.andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
			.andExpect(jsonPath("$.parameter").value(parameter));
	}

}
