package com.leavegateway.leave;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which of Feishu's four identifiers an employee id is. The gateway's API uses Feishu's
 * own names.
 */
public enum UserIdType {

	PEOPLE_COREHR_ID("people_corehr_id"), OPEN_ID("open_id"), UNION_ID("union_id"), USER_ID("user_id");

	private final String wireName;

	UserIdType(String wireName) {
		this.wireName = wireName;
	}

	/** The name Feishu and the gateway's API use, e.g. {@code people_corehr_id}. */
	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	public static Optional<UserIdType> fromWireName(String name) {
		return Arrays.stream(values()).filter((type) -> type.wireName.equals(name)).findFirst();
	}

}
