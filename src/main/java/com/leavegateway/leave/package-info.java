/**
 * The gateway's own leave records and queries: {@link com.leavegateway.leave.Employee}
 * with its {@link com.leavegateway.leave.Balance}s, {@link com.leavegateway.leave.Grant},
 * their units and sources, the id types, the balance and expiring-grants queries, and
 * {@link com.leavegateway.leave.Languages} to pick a text by Accept-Language. The Feishu
 * client maps its wire format to these; the features serve them. Depends on nothing else
 * of the gateway.
 */
@NullMarked
package com.leavegateway.leave;

import org.jspecify.annotations.NullMarked;
