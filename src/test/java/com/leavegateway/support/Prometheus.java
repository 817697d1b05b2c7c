package com.leavegateway.support;

/** Reads samples out of the Prometheus text exposition of /actuator/prometheus. */
public final class Prometheus {

	private Prometheus() {
	}

	/**
	 * The sum of every sample of {@code name} whose labels include all of {@code labels}
	 * ({@code "cache", "balances",
	 * "result", "hit"}); -1 when there is none.
	 */
	public static double sample(String exposition, String name, String... labels) {
		double sum = 0;
		boolean found = false;
		for (String line : exposition.split("\n")) {
			if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) {
				continue;
			}
			boolean matches = true;
			for (int i = 0; i < labels.length; i += 2) {
				matches &= line.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
			}
			if (matches) {
				found = true;
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return found ? sum : -1;
	}

}
