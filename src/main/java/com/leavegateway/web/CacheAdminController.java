package com.leavegateway.web;

import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Cache eviction for ops: everything, or everything about one employee. */
@RestController
@RequestMapping("/api/v1/admin/caches")
class CacheAdminController {

	private final CacheManager caches;

	CacheAdminController(CacheManager caches) {
		this.caches = caches;
	}

	@DeleteMapping
	ResponseEntity<Void> evictAll() {
		for (String name : this.caches.getCacheNames()) {
			this.caches.getCache(name).clear();
		}
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/employees/{employeeId}")
	ResponseEntity<Void> evictEmployee(@PathVariable String employeeId) {
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
