package com.leavegateway.feishu;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/** One grant record of leave_employ_expire_records, named as Feishu names it. */
record ExpireRecord(@JsonProperty("id") String id, @JsonProperty("employment_id") @Nullable String employmentId,
		@JsonProperty("leave_type_id") @Nullable String leaveTypeId,
		@JsonProperty("granting_quantity") @Nullable String grantingQuantity,
		@JsonProperty("left_granting_quantity") @Nullable String leftGrantingQuantity,
		@JsonProperty("granting_unit") @Nullable Integer grantingUnit,
		@JsonProperty("effective_date") @Nullable String effectiveDate,
		@JsonProperty("expiration_date") @Nullable String expirationDate,
		@JsonProperty("reason") @Nullable List<FeishuI18n> reason,
		@JsonProperty("is_update_by_external") @Nullable Boolean isUpdateByExternal,
		@JsonProperty("accrual_source") @Nullable Integer accrualSource,
		@JsonProperty("leave_sub_type_id") @Nullable String leaveSubTypeId,
		@JsonProperty("section_type") @Nullable Integer sectionType) {
}
