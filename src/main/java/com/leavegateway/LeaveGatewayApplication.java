package com.leavegateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Feishu leave gateway: Feishu CoreHR leave balances and expiring grants behind simple
 * internal endpoints.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LeaveGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(LeaveGatewayApplication.class, args);
	}

}
