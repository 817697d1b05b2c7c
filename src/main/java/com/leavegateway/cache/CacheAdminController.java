package com.leavegateway.cache;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.leavegateway.problem.AnswersProblems;
import com.leavegateway.problem.ProblemCode;
import com.leavegateway.web.ApiExamples;
import com.leavegateway.web.RequestParameters;

/** Cache eviction for ops: everything, or everything about one employee. */
@RestController
@RequestMapping("/api/v1/admin/caches")
@Tag(name = "Administration", description = "Cache eviction for ops; needs admin rights")
class CacheAdminController {

	private final CacheManager caches;

	CacheAdminController(CacheManager caches) {
		this.caches = caches;
	}

	/**
	 * Evicts every cached balance and grant, and the rosters of the listing of every
	 * employee.
	 */
	@Operation(summary = "Evict all caches")
	@AnswersProblems({ ProblemCode.UNAUTHORIZED, ProblemCode.FORBIDDEN })
	@DeleteMapping
	ResponseEntity<Void> evictAll() {
		for (String name : this.caches.getCacheNames()) {
			this.caches.getCache(name).clear();
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * Evicts everything cached about one employee; the listing's rosters stay, so the
	 * next listing asks Feishu for this employee alone.
	 */
	@Operation(summary = "Evict one employee")
	@AnswersProblems({ ProblemCode.INVALID_PARAMETER, ProblemCode.UNAUTHORIZED, ProblemCode.FORBIDDEN })
	@DeleteMapping("/employees/{employeeId}")
	ResponseEntity<Void> evictEmployee(@Parameter(description = "The employee's id.",
			example = ApiExamples.EMPLOYEE_ID) @PathVariable String employeeId) {
		String id = RequestParameters.employeeId(employeeId);
		for (String name : this.caches.getCacheNames()) {
			if (this.caches.getCache(name) instanceof CaffeineCache cache) {
				cache.getNativeCache()
					.asMap()
					.keySet()
					.removeIf((key) -> key instanceof EmployeeScopedKey scoped && scoped.employeeId().equals(id));
			}
		}
		return ResponseEntity.noContent().build();
	}

}
