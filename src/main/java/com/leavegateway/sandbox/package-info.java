/**
 * A built-in simulator of the Feishu APIs the gateway calls, served by the application
 * itself under {@code /sandbox/feishu} and active only with the {@code sandbox} profile.
 * The gateway calls it over real HTTP as if it were Feishu, so the whole stack runs with
 * no Feishu account.
 */
@NullMarked
package com.leavegateway.sandbox;

import org.jspecify.annotations.NullMarked;
