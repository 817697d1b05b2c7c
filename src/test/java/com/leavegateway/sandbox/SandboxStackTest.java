package com.leavegateway.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on the sandbox profile, one context for every class so annotated:
 * quotas at both ends so high that only a fault refuses a call, a 2 s Feishu time-out
 * (short for the slowness test, long enough for a cold call on a busy machine), and a
 * reader key besides the demo key (an admin in this profile).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sandbox.quotas.leave-balances.limit=100000", "sandbox.quotas.leave-expire-records.limit=100000",
				"feishu.quotas.leave-balances.limit=100000", "feishu.quotas.leave-balances.period=1s",
				"feishu.quotas.leave-expire-records.limit=100000", "feishu.quotas.leave-expire-records.period=1s",
				"feishu.response-timeout=2s",
				"gateway.security.api-keys.sandbox-reader=" + SandboxStackTest.READER_KEY })
@ActiveProfiles("sandbox")
@interface SandboxStackTest {

	/** The sandbox profile's demo key, an admin. */
	String ADMIN_KEY = "sandbox-demo-key";

	/** A key with reader rights only. */
	String READER_KEY = "sandbox-reader-key";

}
