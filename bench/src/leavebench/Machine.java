package leavebench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static leavebench.Report.f1;

/** The machine and its processes as /proc, jcmd and the GC logs describe them. */
final class Machine {

	private Machine() {
	}

	/** GC pauses so far, from a -Xlog:gc file: count, longest and total. */
	static String gcPauses(Path gcLog) {
		try {
			long count = 0;
			double max = 0;
			double total = 0;
			Pattern pause = Pattern.compile("Pause.* ([0-9.]+)ms$");
			for (String line : Files.readAllLines(gcLog)) {
				Matcher m = pause.matcher(line);
				if (m.find()) {
					double ms = Double.parseDouble(m.group(1));
					count++;
					total += ms;
					max = Math.max(max, ms);
				}
			}
			return count + " GC pauses, longest " + f1(max) + " ms, total " + f1(total) + " ms";
		}
		catch (IOException ex) {
			return "GC log unreadable";
		}
	}

	static String run(List<String> command, int seconds) throws Exception {
		List<String> bounded = new ArrayList<>(List.of("timeout", seconds + "s"));
		bounded.addAll(command);
		Process p = new ProcessBuilder(bounded).redirectErrorStream(true).start();
		byte[] out;
		try (InputStream in = p.getInputStream()) {
			out = in.readAllBytes();
		}
		if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
			p.destroyForcibly();
		}
		return new String(out, StandardCharsets.UTF_8);
	}

	static String loadAverage() {
		try {
			String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return f[0] + " / " + f[1] + " / " + f[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	static String describe() throws Exception {
		String cpu = "?";
		for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
			if (line.startsWith("model name")) {
				cpu = line.substring(line.indexOf(':') + 1).strip();
				break;
			}
		}
		String mem = "?";
		for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
			if (line.startsWith("MemTotal")) {
				long kb = Long.parseLong(line.replaceAll("\\D", ""));
				mem = f1(kb / 1048576.0) + " GiB";
			}
		}
		String os = "?";
		if (Files.exists(Path.of("/etc/os-release"))) {
			for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
				if (line.startsWith("PRETTY_NAME=")) {
					os = line.substring(12).replace("\"", "");
				}
			}
		}
		String java = run(List.of("java", "-version"), 30).lines().skip(1).findFirst().orElse("?").strip();
		String wrk = run(List.of("wrk", "--version"), 30).lines().findFirst().orElse("?").replaceAll("Copyright.*", "")
			.strip();
		return "CPU: " + Runtime.getRuntime().availableProcessors() + " x " + cpu + "\nMemory: " + mem + "\nOS: " + os
				+ ", kernel " + System.getProperty("os.version") + "\nJava (gateway and driver): " + java + "\nwrk: " + wrk;
	}

}
