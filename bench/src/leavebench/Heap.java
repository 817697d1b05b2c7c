package leavebench;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static leavebench.LeaveGatewayBench.WARM_IDS;
import static leavebench.LeaveGatewayBench.fresh;
import static leavebench.LeaveGatewayBench.many;
import static leavebench.Load.clients;
import static leavebench.Report.detail;
import static leavebench.Report.f1;
import static leavebench.Report.n;
import static leavebench.Report.row;

/** Scenario 5: heap per cached employee-day, from the live heap after a full GC before and after filling the cache. */
final class Heap {

	private Heap() {
	}

	static void run(Options o, Gateway g) throws Exception {
		long before = liveHeap(g);
		double sizeBefore = cacheSize(g);
		int from = fresh(o.heapEmployees);
		Outcome warm = clients(g.port, 16, (o.heapEmployees + WARM_IDS - 1) / WARM_IDS, Duration.ofSeconds(120),
				(i) -> many(from + i * WARM_IDS, Math.min(WARM_IDS, o.heapEmployees - i * WARM_IDS)));
		long after = liveHeap(g);
		double sizeAfter = cacheSize(g);
		long cached = Math.round(sizeAfter - sizeBefore);
		detail("5: warmed " + warm.statuses() + "; cache.size " + Math.round(sizeBefore) + " -> " + Math.round(sizeAfter)
				+ "; live heap after full GC " + n(before) + " -> " + n(after) + " bytes (jcmd GC.class_histogram)");
		if (warm.employees.get() != o.heapEmployees || cached <= 0) {
			row("5", "Heap per cached employee-day", "warming failed: " + warm.statuses(), "-", false);
			return;
		}
		double perEmployee = (double) (after - before) / cached;
		row("5", "Heap per cached employee-day (" + LEAVE_TYPE_COUNT + " leave types, 2 languages)",
				n(Math.round(perEmployee)) + " bytes (" + n(cached) + " entries, +" + f1((after - before) / 1048576.0)
						+ " MiB)",
				"- (measured)", null);
	}

	static final int LEAVE_TYPE_COUNT = StandIn.LEAVE_TYPES.length;

	static double cacheSize(Gateway g) throws Exception {
		Res res = Http.get(g.port, "/actuator/metrics/cache.size?tag=cache:balances");
		Matcher m = Pattern.compile("\"value\"\\s*:\\s*([0-9.eE+-]+)").matcher(res.body());
		return m.find() ? Double.parseDouble(m.group(1)) : -1;
	}

	/** Bytes of live objects after a full GC, as jcmd GC.class_histogram counts them (it forces the GC). */
	static long liveHeap(Gateway g) throws Exception {
		Machine.run(List.of("jcmd", String.valueOf(g.pid()), "GC.run"), 60);
		String histogram = Machine.run(List.of("jcmd", String.valueOf(g.pid()), "GC.class_histogram"), 120);
		Matcher m = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)").matcher(histogram);
		if (!m.find()) {
			throw new IllegalStateException("jcmd GC.class_histogram output not understood");
		}
		return Long.parseLong(m.group(2));
	}

}
