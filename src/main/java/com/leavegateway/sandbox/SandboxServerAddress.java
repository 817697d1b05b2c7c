package com.leavegateway.sandbox;

import java.net.URI;

import jakarta.servlet.ServletContext;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.web.context.WebApplicationContext;

/**
 * The simulator's own base URL, learnt when the web server starts: the port is only known
 * then (and is random in tests with {@code server.port=0}).
 */
final class SandboxServerAddress implements ApplicationListener<WebServerInitializedEvent> {

	private volatile @Nullable URI baseUrl;

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		WebServerApplicationContext context = event.getApplicationContext();
		// A separate management server (management.server.port) announces itself too, in
		// its own namespace.
		if (context.getServerNamespace() != null) {
			return;
		}
		boolean ssl = context.getEnvironment().getProperty("server.ssl.enabled", Boolean.class, false);
		this.baseUrl = URI.create((ssl ? "https" : "http") + "://127.0.0.1:" + event.getWebServer().getPort()
				+ contextPath(context) + SandboxController.PREFIX);
	}

	/** {@code http://127.0.0.1:<port>[/context-path]/sandbox/feishu}. */
	URI baseUrl() {
		URI url = this.baseUrl;
		if (url == null) {
			throw new IllegalStateException(
					"The sandbox's base URL is known once the web server has started; is this a web application?");
		}
		return url;
	}

	private static String contextPath(WebServerApplicationContext context) {
		ServletContext servletContext = (context instanceof WebApplicationContext web) ? web.getServletContext() : null;
		return (servletContext != null) ? servletContext.getContextPath() : "";
	}

}
