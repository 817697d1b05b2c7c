package com.leavegateway.problem;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Puts {@link ProblemErrorReportValve} in place of the ErrorReportValve Spring Boot and
 * Tomcat give the host, so that what Tomcat refuses on its own is problem details as
 * well.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(StandardHost.class)
class TomcatProblemConfiguration {

	@Bean
	ProblemValveCustomizer problemErrorReportValve() {
		return new ProblemValveCustomizer();
	}

	/**
	 * Runs after Spring Boot's own customizer, which adds a plain ErrorReportValve, and
	 * replaces it.
	 */
	static final class ProblemValveCustomizer
			implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

		@Override
		public void customize(ConfigurableTomcatWebServerFactory factory) {
			factory.addContextCustomizers((context) -> {
				Container host = context.getParent();
				if (host instanceof StandardHost standardHost) {
					// Tomcat adds a valve of this class when the host starts, unless one
					// is there already.
					standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
				for (Valve valve : host.getPipeline().getValves()) {
					if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
						host.getPipeline().removeValve(valve);
					}
				}
				host.getPipeline().addValve(new ProblemErrorReportValve());
			});
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
