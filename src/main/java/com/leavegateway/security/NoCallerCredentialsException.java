package com.leavegateway.security;

/**
 * Start-up with neither an API key nor a JWT issuer: nobody could call the gateway, or
 * everybody would.
 */
class NoCallerCredentialsException extends RuntimeException {

	NoCallerCredentialsException() {
		super("No API key and no JWT issuer are configured");
	}

}
