/**
 * Expiring leave grants: one leave type's grants that expire in a window, and what no
 * single Feishu call gives, an employee's grants across all their leave types with what
 * remains per type. The controller and its parameter record, the service, its cache
 * (stale-while-revalidate, stale-if-error and refresh-ahead, as for balances) and the
 * response records.
 */
@NullMarked
package com.leavegateway.grants;

import org.jspecify.annotations.NullMarked;
