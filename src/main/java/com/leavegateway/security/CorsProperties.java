package com.leavegateway.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser frontends on other origins.
 *
 * @param allowedOrigins Origins (e.g. https://hr.example.com) whose pages may call the
 * API from the browser. None by default: browsers then refuse cross-origin calls.
 */
@ConfigurationProperties("gateway.cors")
record CorsProperties(@DefaultValue List<String> allowedOrigins) {
}
