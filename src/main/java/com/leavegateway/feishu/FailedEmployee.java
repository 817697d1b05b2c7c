package com.leavegateway.feishu;

/**
 * An employee Feishu refused or failed on, alone in its call: the others of its list were
 * answered.
 *
 * @param employeeId The id as asked.
 * @param error Feishu's answer for it; its {@link FeishuErrorException#outcome()} is
 * {@link FeishuOutcome#EMPLOYEE_REFUSED} or {@link FeishuOutcome#EMPLOYEE_ERROR}.
 */
public record FailedEmployee(String employeeId, FeishuErrorException error) {
}
