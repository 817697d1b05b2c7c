package com.leavegateway.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's last word on a request it refused itself, before any filter or servlet ran (an
 * invalid %-escape or an encoded slash in the path, a raw space or non-ASCII byte in the
 * request line, a request line above {@code server.max-http-request-header-size}...):
 * problem details with a stable {@code code} instead of Tomcat's HTML page. Fixed texts
 * only; nothing of the request is repeated back. Public: Tomcat creates it by class name.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int statusCode = response.getStatus();
		if (statusCode < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		HttpStatus status = HttpStatus.resolve(statusCode);
		if (status == null) {
			status = HttpStatus.valueOf((statusCode < 500) ? 400 : 500);
		}
		// No instance: nothing of a request Tomcat refused is repeated back.
		ProblemDetail problem = Problems.problem(status, Problems.codeFor(status), detail(status), null);
		problem.setStatus(statusCode);
		String body = Problems.json(problem);
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the answer already started: nothing more can be
			// said.
		}
	}

	private static String detail(HttpStatus status) {
		return (status == HttpStatus.BAD_REQUEST) ? "The request is malformed or too large."
				: Problems.detailFor(status);
	}

}
