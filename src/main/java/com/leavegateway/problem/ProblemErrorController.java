package com.leavegateway.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page ({@code /error}), which Spring Boot's own would
 * answer with plain JSON or HTML: what fails outside Spring MVC (an exception or a
 * {@code sendError} in a filter) is problem details with a stable {@code code} too. Asked
 * for directly, {@code /error} is a 404 like any unknown path.
 */
@Controller
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status;
		if (code == null) {
			// Asked for directly, not as an error page: there is no such resource.
			status = HttpStatus.NOT_FOUND;
		}
		else {
			status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
			if (status == null || !status.isError()) {
				status = HttpStatus.INTERNAL_SERVER_ERROR;
			}
		}
		// The instance is the path the caller asked for, not /error (and is left out when
		// it is no valid URI).
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return Problems.response(Problems.problem(status, Problems.codeFor(status), Problems.detailFor(status),
				(uri instanceof String path) ? new OriginalPath(request, path) : request), null);
	}

	/**
	 * The request as seen by the error page, but with the path of the request that
	 * failed.
	 */
	private static final class OriginalPath extends jakarta.servlet.http.HttpServletRequestWrapper {

		private final String path;

		OriginalPath(HttpServletRequest request, String path) {
			super(request);
			this.path = path;
		}

		@Override
		public String getRequestURI() {
			return this.path;
		}

	}

}
