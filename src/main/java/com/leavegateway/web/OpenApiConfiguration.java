package com.leavegateway.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.leavegateway.problem.ApiProblem;

/**
 * The OpenAPI document: API key scheme, and the problem responses every operation can
 * give.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String API_KEY = "apiKey";

	private static final String PROBLEM_REF = "#/components/schemas/Problem";

	/** Responses every /api operation may give besides its own, with what they mean. */
	private static final Map<String, String> COMMON_PROBLEMS = Map.of("400",
			"Bad input (INVALID_PARAMETER names the parameter); nothing was sent to Feishu.", "401",
			"No or wrong X-API-Key / bearer token (UNAUTHORIZED).", "429",
			"QUOTA_EXHAUSTED (the gateway's share of Feishu's quota) or UPSTREAM_RATE_LIMITED (Feishu's 99991400); "
					+ "see Retry-After.",
			"502",
			"Feishu failed, answered an error or something unreadable (UPSTREAM_ERROR, UPSTREAM_AUTH_FAILED, "
					+ "UPSTREAM_UNREACHABLE).",
			"503", "UPSTREAM_UNAVAILABLE: Feishu keeps failing and the gateway pauses calls; see Retry-After.", "504",
			"UPSTREAM_TIMEOUT: Feishu did not answer in time.");

	@Bean
	OpenAPI gatewayOpenApi() {
		Components components = new Components().addSecuritySchemes(API_KEY,
				new SecurityScheme().type(SecurityScheme.Type.APIKEY)
					.in(SecurityScheme.In.HEADER)
					.name("X-API-Key")
					// A code span: in Swagger UI's Markdown a bare <team> is an HTML tag.
					.description("The key of your team (`gateway.security.api-keys.<team>`). "
							+ "The sandbox profile prints its demo key at start-up."));
		return new OpenAPI()
			.info(new Info().title("Feishu leave gateway")
				.version("v1")
				.description("Employees' leave balances and expiring leave grants from Feishu (Lark) CoreHR, "
						+ "without Feishu's tokens, paging, id lists or string-typed numbers. Quantities are exact "
						+ "decimals. Errors are RFC 9457 problem details with a stable `code`."))
			// Relative: Swagger UI calls the host it was loaded from, and the committed
			// document has no port in it.
			.servers(List.of(new Server().url("/")))
			.components(components)
			.addSecurityItem(new SecurityRequirement().addList(API_KEY));
	}

	/**
	 * The Problem schema the common responses refer to. Read when the document is first
	 * built, not at start: the model converters load much of swagger-core and Jackson 2.
	 */
	@Bean
	OpenApiCustomizer problemSchema() {
		return (openApi) -> ModelConverters.getInstance()
			.read(ApiProblem.class)
			.forEach(openApi.getComponents()::addSchemas);
	}

	@Bean
	OperationCustomizer commonProblems() {
		return (operation, handlerMethod) -> {
			ApiResponses responses = operation.getResponses();
			COMMON_PROBLEMS.forEach((status, description) -> {
				if (!responses.containsKey(status)) {
					ApiResponse response = new ApiResponse().description(description)
						.content(new Content().addMediaType("application/problem+json",
								new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
					if (status.equals("429") || status.equals("503")) {
						response.addHeaderObject("Retry-After",
								new Header().description("Seconds to wait before asking again")
									.schema(new IntegerSchema()));
					}
					responses.addApiResponse(status, response);
				}
			});
			return operation;
		};
	}

}
