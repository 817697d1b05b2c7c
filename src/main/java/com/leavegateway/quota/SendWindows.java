package com.leavegateway.quota;

/**
 * Makes the window of each quota an engine schedules: in memory for one replica, or in a
 * store shared by all replicas of one upstream app.
 */
@FunctionalInterface
public interface SendWindows {

	/**
	 * The window of {@code quota}; {@code time} is the engine's, which an in-memory
	 * window counts with.
	 */
	SendWindow window(QuotaSpec quota, QuotaTime time);

	/**
	 * Windows in this JVM's memory, counted with the engine's time: right for one
	 * replica, or for replicas that each own a fixed share of the quota.
	 */
	static SendWindows local() {
		return LocalSendWindow::new;
	}

}
