/**
 * The Feishu Open Platform client: tenant access tokens, the leave-balances and
 * expire-records APIs, their paging, error codes and quotas. Records here mirror Feishu's
 * JSON names; nothing outside this package sees Feishu's wire format.
 */
@NullMarked
package com.leavegateway.feishu;

import org.jspecify.annotations.NullMarked;
