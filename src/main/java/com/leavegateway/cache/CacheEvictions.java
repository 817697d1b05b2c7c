package com.leavegateway.cache;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.stereotype.Component;

/**
 * Evictions: this replica's caches (the first level), and, in {@code redis} mode, the
 * shared level and through it every other replica's first level ({@link SharedLevel}).
 */
@Component
public class CacheEvictions {

	private final CacheManager caches;

	private final ObjectProvider<SharedLevel> shared;

	public CacheEvictions(CacheManager caches, ObjectProvider<SharedLevel> shared) {
		this.caches = caches;
		this.shared = shared;
	}

	/**
	 * Everything, everywhere; the shared level first, so that no miss refills from it.
	 */
	void all() {
		this.shared.ifAvailable(SharedLevel::evictAll);
		localAll();
	}

	/** Everything about one (checked) employee, everywhere. */
	void employee(String employeeId) {
		this.shared.ifAvailable((level) -> level.evictEmployee(employeeId));
		localEmployee(employeeId);
	}

	/** Everything this replica holds. */
	public void localAll() {
		for (String name : this.caches.getCacheNames()) {
			this.caches.getCache(name).clear();
		}
	}

	/** Everything this replica holds about one employee. */
	public void localEmployee(String employeeId) {
		for (String name : this.caches.getCacheNames()) {
			if (this.caches.getCache(name) instanceof CaffeineCache cache) {
				cache.getNativeCache()
					.asMap()
					.keySet()
					.removeIf(
							(key) -> key instanceof EmployeeScopedKey scoped && scoped.employeeId().equals(employeeId));
			}
		}
	}

	/**
	 * The caches' shared level, in {@code redis} mode only: deletes at once (failing
	 * closed when it cannot) and has every replica evict its first level.
	 */
	public interface SharedLevel {

		void evictAll();

		void evictEmployee(String employeeId);

	}

}
