package com.leavegateway.quota;

import java.time.Duration;
import java.util.List;

/**
 * What a window holds now, for forecasts: how long ago each counted send went, and how
 * long a pause still lasts.
 *
 * @param sendAges Ages of the sends still in the window, the oldest first.
 * @param pauseRemaining Time left of a pause; zero when there is none.
 */
public record WindowState(List<Duration> sendAges, Duration pauseRemaining) {

	public WindowState {
		sendAges = List.copyOf(sendAges);
	}

}
