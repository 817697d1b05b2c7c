/**
 * Feishu leave gateway. Packages by feature: {@code feishu} (the upstream client),
 * {@code balances}, {@code grants}, {@code sandbox} (a built-in Feishu simulator, profile
 * {@code sandbox} only) and {@code web} (errors, common parameters and other system
 * concerns).
 */
@NullMarked
package com.leavegateway;

import org.jspecify.annotations.NullMarked;
