/**
 * Feishu leave gateway: the application and its clock. One package per concern:
 * {@code leave} (the gateway's own records), {@code feishu} (the upstream client),
 * {@code cache}, {@code problem} (error answers), {@code web} (what the endpoints share),
 * {@code security} (callers), the features {@code balances} and {@code grants}, and the
 * profile-only {@code sandbox} (a Feishu simulator) and {@code bench}.
 */
@NullMarked
package com.leavegateway;

import org.jspecify.annotations.NullMarked;
