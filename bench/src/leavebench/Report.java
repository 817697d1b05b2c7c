package leavebench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static leavebench.Options.PAGE;

/** The results: a row per figure, details, the log and the Markdown report. */
final class Report {

	private Report() {
	}

	record Row(String id, String figure, String measured, String goal, String result) {
	}

	static final List<Row> ROWS = new ArrayList<>();

	static final List<String> DETAILS = new ArrayList<>();

	static void row(String id, String figure, String measured, String goal, Boolean pass) {
		ROWS.add(new Row(id, figure, measured, goal, (pass == null) ? "info" : pass ? "PASS" : "MISS"));
		log("RESULT " + id + ": " + measured + "  (goal " + goal + ") " + ((pass == null) ? "" : pass ? "PASS" : "MISS"));
	}

	static void detail(String text) {
		DETAILS.add(text);
		log("  " + text);
	}

	static final long T0 = System.nanoTime();

	static void log(String text) {
		System.out.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - T0) / 1e9, text);
	}

	static String f1(double v) {
		return String.format(Locale.ROOT, "%.1f", v);
	}

	static String f2(double v) {
		return String.format(Locale.ROOT, "%.2f", v);
	}

	static String n(long v) {
		return String.format(Locale.ROOT, "%,d", v);
	}

	static String report(Options o, String machine, double seconds) {
		ROWS.sort(java.util.Comparator.comparing(Row::id));
		StringBuilder r = new StringBuilder();
		r.append("# Leave gateway benchmark: ")
			.append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))).append("\n\n");
		r.append("Command: `").append(o.command).append("` (").append(f1(seconds)).append(" s)\n\n");
		r.append("Stand-in Feishu: leave_balances quota ").append(o.limit).append(" calls per sliding ")
			.append(o.periodSeconds).append(" s (Feishu: 100 per 60 s; this is ")
			.append(f1((o.limit / (double) o.periodSeconds) / (100 / 60.0))).append("x that rate), ").append(o.latencyMs).append(" ms a call, 20 employees a page; gateway quota set to the same; ")
			.append("cold ceiling ").append(n(Math.round(PAGE * o.limit * 60.0 / o.periodSeconds)))
			.append(" employees a minute (= 2,000 at Feishu's quota). Gateway: -Xmx1g, one instance a part")
			.append(o.runs("replicas") ? " (scenario R: " + o.replicas + " replicas on one Redis)" : "")
			.append(o.gatewayArgs.isEmpty() ? "" : ", extra arguments " + String.join(" ", o.gatewayArgs))
			.append("; parts run: ").append(String.join(", ", o.only)).append(".\n\n");
		r.append("| # | Figure | Measured | Goal | Result |\n|---|---|---|---|---|\n");
		for (Row row : ROWS) {
			r.append("| ").append(row.id).append(" | ").append(row.figure).append(" | ").append(row.measured)
				.append(" | ").append(row.goal).append(" | ").append(row.result).append(" |\n");
		}
		r.append("\n## Details\n\n");
		for (String d : DETAILS) {
			r.append("- ").append(d).append('\n');
		}
		r.append("\n## Machine\n\n");
		for (String line : machine.split("\n")) {
			r.append("- ").append(line).append('\n');
		}
		return r.toString();
	}

}
