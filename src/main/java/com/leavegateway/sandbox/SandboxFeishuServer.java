package com.leavegateway.sandbox;

import java.net.InetAddress;
import java.net.URI;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The simulated Feishu's own HTTP server, on the loopback address and a port of its own,
 * which the gateway's Feishu client calls. On the application's port it would close with
 * the gateway's: on SIGTERM the graceful shutdown refuses new connections at once, and
 * the gateway's requests in flight would fail their next Feishu call (502). This server
 * serves the same controllers, {@code /sandbox/feishu/**} only, and stops after the
 * application's web server, once the requests in flight have finished.
 */
final class SandboxFeishuServer implements SmartLifecycle {

	private final WebApplicationContext context;

	private final int port;

	private volatile @Nullable WebServer server;

	private volatile @Nullable URI baseUrl;

	SandboxFeishuServer(WebApplicationContext context, int port) {
		this.context = context;
		this.port = port;
	}

	@Override
	public void start() {
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(this.port);
		factory.setAddress(InetAddress.getLoopbackAddress());
		WebServer started = factory.getWebServer(this::serveTheSimulatorOnly);
		started.start();
		this.server = started;
		this.baseUrl = URI.create("http://127.0.0.1:" + started.getPort() + SandboxController.PREFIX);
	}

	private void serveTheSimulatorOnly(ServletContext servletContext) {
		servletContext.addFilter("sandboxFeishuOnly", (request, response, chain) -> {
			if (((HttpServletRequest) request).getRequestURI().startsWith(SandboxController.PREFIX + "/")) {
				chain.doFilter(request, response);
			}
			else {
				((HttpServletResponse) response).sendError(HttpStatus.NOT_FOUND.value());
			}
		}).addMappingForUrlPatterns(null, false, "/*");
		ServletRegistration.Dynamic dispatcher = servletContext.addServlet("sandboxFeishu",
				new DispatcherServlet(this.context));
		dispatcher.addMapping("/");
		dispatcher.setLoadOnStartup(1);
	}

	@Override
	public void stop() {
		WebServer running = this.server;
		if (running != null) {
			running.stop();
			this.server = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Started before the application's web server and stopped after it (a lower phase).
	 */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
	}

	/** {@code http://127.0.0.1:<port>/sandbox/feishu}. */
	URI baseUrl() {
		URI url = this.baseUrl;
		if (url == null) {
			throw new IllegalStateException("The simulated Feishu's server is not running");
		}
		return url;
	}

}
