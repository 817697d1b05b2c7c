package leavebench;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One API of the stand-in, as the driver sees it. */
record Api(StandInProcess standIn, String name) {

	private long stat(String key) {
		Matcher m = Pattern.compile(key + "=(\\d+)").matcher(this.standIn.ask("/_bench/stats?api=" + this.name));
		if (!m.find()) {
			throw new IllegalStateException("no " + key);
		}
		return Long.parseLong(m.group(1));
	}

	long calls() {
		return stat("calls");
	}

	long rejected() {
		return stat("rejected");
	}

	long badRequests() {
		return stat("bad");
	}

	/** Calls the outage answered 503 (any API). */
	long outageCalls() {
		return stat("outageCalls");
	}

	/** max in a window of windowMs (0: the quota's period), the shortest span of k arrivals, the arrivals. */
	private long[] window(int k, long from, long to, long windowMs) {
		String answer = this.standIn.ask("/_bench/window?api=" + this.name + "&k=" + k + "&from=" + from + "&to=" + to
				+ ((windowMs > 0) ? "&windowMs=" + windowMs : ""));
		Matcher m = Pattern.compile("max=(-?\\d+) minspan=(-?\\d+) count=(\\d+)").matcher(answer);
		if (!m.find()) {
			throw new IllegalStateException(answer);
		}
		return new long[] { Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)) };
	}

	int maxInWindow(long from, long to) {
		return (int) window(2, from, to, 0)[0];
	}

	/** Most arrivals in any window of {@code windowMs} (e.g. the period plus the gateway's spacing margin). */
	int maxInWindow(long from, long to, long windowMs) {
		return (int) window(2, from, to, windowMs)[0];
	}

	long minSpan(int k, long from, long to) {
		return window(k, from, to, 0)[1];
	}

	/** Arrivals (accepted or refused) in [from, to). */
	long arrivals(long from, long to) {
		return window(2, from, to, 0)[2];
	}

	/** The ids each accepted call named, in order of arrival, for calls that arrived in [from, to). */
	String idsPerCall(long from, long to) {
		return this.standIn.ask("/_bench/sizes?api=" + this.name + "&from=" + from + "&to=" + to);
	}

	void reconfigure(int limit, Duration period) {
		this.standIn.ask("/_bench/config?api=" + this.name + "&limit=" + limit + "&periodMs=" + period.toMillis());
	}

}
