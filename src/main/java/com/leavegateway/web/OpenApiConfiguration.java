package com.leavegateway.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
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
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

import com.leavegateway.problem.AnswersProblems;
import com.leavegateway.problem.ApiProblem;
import com.leavegateway.problem.ProblemCode;
import com.leavegateway.problem.Problems;

/**
 * The OpenAPI document: API key scheme, and the problem responses of each operation with
 * an example per code.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String API_KEY = "apiKey";

	private static final String PROBLEM_REF = "#/components/schemas/Problem";

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

	/**
	 * The problems each operation declares ({@link AnswersProblems}), by status: every
	 * code with what it means, and an example per code built as the answer is, for a
	 * request to the operation's path with the documentation's example ids.
	 */
	@Bean
	OperationCustomizer problemResponses() {
		return (operation, handlerMethod) -> {
			AnswersProblems answers = handlerMethod.getMethodAnnotation(AnswersProblems.class);
			if (answers == null) {
				return operation;
			}
			String instance = examplePath(handlerMethod);
			boolean takesIdType = operation.getParameters() != null
					&& operation.getParameters().stream().anyMatch((parameter) -> "idType".equals(parameter.getName()));
			Map<HttpStatus, List<ProblemCode>> byStatus = new TreeMap<>();
			for (ProblemCode code : answers.value()) {
				byStatus.computeIfAbsent(code.status(), (status) -> new ArrayList<>()).add(code);
			}
			ApiResponses responses = operation.getResponses();
			byStatus.forEach((status, codes) -> {
				MediaType problem = new MediaType().schema(new Schema<>().$ref(PROBLEM_REF));
				StringBuilder description = new StringBuilder();
				for (ProblemCode code : codes) {
					Map<String, Object> example = example(code, instance, takesIdType);
					description.append((description.length() > 0) ? " " : "")
						.append("`")
						.append(code.name())
						.append("`: ")
						.append(example.get("detail"));
					problem.addExamples(code.name(), new Example().value(example));
				}
				ApiResponse response = new ApiResponse().description(description.toString())
					.content(new Content().addMediaType("application/problem+json", problem));
				if (status == HttpStatus.TOO_MANY_REQUESTS || status == HttpStatus.SERVICE_UNAVAILABLE) {
					response.addHeaderObject("Retry-After",
							new Header().description("Seconds to wait before asking again")
								.schema(new IntegerSchema()));
				}
				responses.addApiResponse(String.valueOf(status.value()), response);
			});
			return operation;
		};
	}

	/**
	 * The example answer of {@code code}; INVALID_PARAMETER's is that of an unknown
	 * idType where the operation takes one, else that of a malformed employeeId.
	 */
	static Map<String, Object> example(ProblemCode code, String instance, boolean takesIdType) {
		if (code == ProblemCode.INVALID_PARAMETER) {
			return takesIdType
					? Problems.example(code, RequestParameters.ID_TYPE_INVALID, Map.of("parameter", "idType"), instance)
					: Problems.example(code, RequestParameters.invalidIdDetail("employeeId"),
							Map.of("parameter", "employeeId"), instance);
		}
		return Problems.example(code, code.detail(), code.exampleProperties(), instance);
	}

	/** The operation's path with the example ids of {@link ApiExamples} in it. */
	private static String examplePath(HandlerMethod handlerMethod) {
		RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getBeanType(),
				RequestMapping.class);
		RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handlerMethod.getMethod(),
				RequestMapping.class);
		String path = first(type) + first(method);
		return path.replace("{employeeId}", ApiExamples.EMPLOYEE).replace("{leaveTypeId}", ApiExamples.LEAVE_TYPE);
	}

	private static String first(@Nullable RequestMapping mapping) {
		return (mapping != null && mapping.path().length > 0) ? mapping.path()[0] : "";
	}

}
