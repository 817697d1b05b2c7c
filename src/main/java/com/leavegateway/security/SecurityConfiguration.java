package com.leavegateway.security;

import java.util.List;

import io.micrometer.common.KeyValues;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.ExceptionTranslationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Every /api/** call needs a known caller; cache eviction, the actuator beyond health and
 * info, and the sandbox's fault switch need admin rights. Callers are API keys
 * ({@code X-API-Key}) and, when {@code spring.security.oauth2.resourceserver.jwt.*} is
 * set, JWT bearer tokens with scope {@code leave.read} or {@code leave.admin}. Without
 * either the gateway does not start.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ApiSecurityProperties properties, CorsProperties cors,
			ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
		ApiKeys keys = new ApiKeys(properties.apiKeys());
		JwtDecoder decoder = jwtDecoder.getIfAvailable();
		if (keys.isEmpty() && decoder == null) {
			throw new NoCallerCredentialsException();
		}
		ProblemResponses problems = new ProblemResponses();
		// A stateless API authenticated per request by header: no session, no cookie, so
		// no CSRF to guard.
		http.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.cors((configurer) -> configurer.configurationSource(corsSource(cors)))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(new ApiKeyAuthenticationFilter(keys, properties.admins(), problems),
					AnonymousAuthenticationFilter.class)
			// The access line around every authentication filter, so that a request
			// refused by one is logged too; the caller's name after them, around the
			// exception translation.
			.addFilterAfter(new CallerLoggingFilter(), SecurityContextHolderFilter.class)
			.addFilterBefore(new CallerLoggingFilter.Naming(), ExceptionTranslationFilter.class)
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
						.permitAll()
						.requestMatchers("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html",
								"/swagger-ui/**")
						.permitAll()
						// The sandbox's Feishu imitation checks its own tenant tokens; it
						// exists only in that profile.
						.requestMatchers("/sandbox/feishu/**")
						.permitAll()
						// The sandbox's fault switch (sandbox profile only) is for
						// admins.
						.requestMatchers("/sandbox/faults", "/sandbox/faults/**")
						.hasAnyAuthority(Roles.ADMIN, Roles.SCOPE_ADMIN)
						.requestMatchers("/error")
						.permitAll()
						.requestMatchers(HttpMethod.OPTIONS, "/api/**")
						.permitAll()
						.requestMatchers("/api/v1/admin/**", "/actuator/**")
						.hasAnyAuthority(Roles.ADMIN, Roles.SCOPE_ADMIN)
						.requestMatchers("/api/**")
						.hasAnyAuthority(Roles.READER, Roles.ADMIN, Roles.SCOPE_READ, Roles.SCOPE_ADMIN)
						.anyRequest()
						.authenticated());
		if (decoder != null) {
			http.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> jwt.decoder(decoder))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems));
		}
		return http.build();
	}

	/**
	 * What Spring Security's firewall refuses is a 400 problem (Spring Security picks
	 * this bean up).
	 */
	@Bean
	RequestRejectedHandler problemRequestRejectedHandler() {
		return new ProblemResponses();
	}

	/** http.server.requests also by caller: who uses the gateway how much. */
	@Bean
	ServerRequestObservationConvention consumerTaggedRequests() {
		return new DefaultServerRequestObservationConvention() {
			@Override
			public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
				Object consumer = context.getCarrier().getAttribute(CallerLoggingFilter.CONSUMER_ATTRIBUTE);
				return super.getLowCardinalityKeyValues(context).and("consumer",
						(consumer != null) ? consumer.toString() : CallerLoggingFilter.ANONYMOUS);
			}
		};
	}

	private static CorsConfigurationSource corsSource(CorsProperties cors) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!cors.allowedOrigins().isEmpty()) {
			CorsConfiguration configuration = new CorsConfiguration();
			configuration.setAllowedOrigins(cors.allowedOrigins());
			configuration.setAllowedMethods(List.of("GET", "DELETE"));
			configuration.setAllowedHeaders(List.of("X-API-Key", "Authorization", "Accept", "Accept-Language",
					"Cache-Control", "If-None-Match", "X-Request-Id"));
			configuration.setExposedHeaders(List.of("Cache-Status", "ETag", "Retry-After", "X-Request-Id"));
			configuration.setMaxAge(3600L);
			source.registerCorsConfiguration("/api/**", configuration);
		}
		return source;
	}

}
