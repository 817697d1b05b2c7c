package com.leavegateway.web;

import java.io.IOException;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes {@link JsonParts} as they are, with their length: no mapper runs. No charset is
 * added to the media type, as the JSON converter adds none either.
 */
final class JsonPartsConverter extends AbstractHttpMessageConverter<JsonParts> {

	JsonPartsConverter() {
		super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
	}

	@Override
	protected boolean supports(Class<?> type) {
		return JsonParts.class == type;
	}

	@Override
	protected boolean canRead(MediaType mediaType) {
		return false;
	}

	@Override
	protected JsonParts readInternal(Class<? extends JsonParts> type, HttpInputMessage input) {
		throw new HttpMessageNotReadableException("JsonParts are written only", input);
	}

	@Override
	protected Long getContentLength(JsonParts parts, MediaType contentType) {
		return (long) parts.length();
	}

	@Override
	protected void writeInternal(JsonParts parts, HttpOutputMessage output) throws IOException {
		parts.writeTo(output.getBody());
	}

}
