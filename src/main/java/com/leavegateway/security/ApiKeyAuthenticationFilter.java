package com.leavegateway.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code X-API-Key}: a known key makes its team the principal (reader, and
 * admin if listed); a key that matches no team is refused at once with 401, whatever else
 * the request carries.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private final ApiKeys keys;

	private final Set<String> admins;

	private final AuthenticationEntryPoint entryPoint;

	/**
	 * A streamed answer (the CSV and NDJSON exports) ends in an async dispatch that this
	 * filter does not see again; the security filters find the caller there only if the
	 * context is saved where they look for it.
	 */
	private final SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

	ApiKeyAuthenticationFilter(ApiKeys keys, Set<String> admins, AuthenticationEntryPoint entryPoint) {
		this.keys = keys;
		this.admins = admins;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String presented = request.getHeader(HEADER);
		if (presented == null) {
			chain.doFilter(request, response);
			return;
		}
		Optional<String> consumer = this.keys.consumerOf(presented);
		if (consumer.isEmpty()) {
			SecurityContextHolder.clearContext();
			this.entryPoint.commence(request, response, new BadCredentialsException("Unknown API key"));
			return;
		}
		List<GrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority(Roles.READER)));
		if (this.admins.contains(consumer.get())) {
			authorities.add(new SimpleGrantedAuthority(Roles.ADMIN));
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(consumer.get(), null, authorities));
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, request, response);
		chain.doFilter(request, response);
	}

}
