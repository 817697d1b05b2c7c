package com.leavegateway.sandbox;

import java.net.URI;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.leavegateway.problem.ApiException;

/**
 * Switches faults of the simulated Feishu on and off, so that a frontend can be tried
 * against a misbehaving Feishu: {@code POST /sandbox/faults} (a
 * {@link SandboxFaultRequest}, answered 201 with the {@link SandboxFault}),
 * {@code GET /sandbox/faults}, {@code DELETE /sandbox/faults} (all) and {@code DELETE
 * /sandbox/faults/{id}}. Admins only (the security configuration says so); not part of
 * the gateway's API document, which covers {@code /api/**}. Failures are the gateway's
 * problem details.
 */
@RestController
@Profile("sandbox")
@RequestMapping(SandboxFaultController.PATH)
class SandboxFaultController {

	static final String PATH = "/sandbox/faults";

	private final SandboxFaults faults;

	SandboxFaultController(SandboxFaults faults) {
		this.faults = faults;
	}

	@PostMapping
	ResponseEntity<SandboxFault> switchOn(@RequestBody JsonNode body) {
		SandboxFault fault = this.faults.switchOn(SandboxFaultRequest.read(body));
		return ResponseEntity.created(URI.create(PATH + "/" + fault.id())).body(fault);
	}

	@GetMapping
	SandboxFaultList active() {
		return new SandboxFaultList(this.faults.active());
	}

	@DeleteMapping
	ResponseEntity<Void> switchOffAll() {
		this.faults.switchOffAll();
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> switchOff(@PathVariable String id) {
		if (!this.faults.switchOff(id)) {
			throw new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", "No active fault has this id.", Map.of());
		}
		return ResponseEntity.noContent().build();
	}

}
