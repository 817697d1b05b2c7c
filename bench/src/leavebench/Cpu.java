package leavebench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** CPU ticks from /proc: the machine's busy and total, and this benchmark's processes' (with reaped children). */
record Cpu(long busy, long total, long ours) {

	static Cpu now(long... pids) {
		try {
			String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i <= 8 && i < f.length; i++) {
				total += Long.parseLong(f[i]);
			}
			long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
			long ours = ticks(ProcessHandle.current().pid());
			for (long pid : pids) {
				ours += ticks(pid);
			}
			return new Cpu(total - idle, total, ours);
		}
		catch (IOException | RuntimeException ex) {
			return new Cpu(0, 0, 0);
		}
	}

	/** CPU time of one process so far (user and system), in clock ticks of 10 ms. */
	static long ticks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
			return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** Shares of the machine's CPU (all cores) used by this benchmark and by everything else since {@code start}. */
	String since(Cpu start) {
		long total = this.total - start.total;
		if (total <= 0) {
			return "CPU n/a";
		}
		long ours = this.ours - start.ours;
		long others = Math.max(0, (this.busy - start.busy) - ours);
		return String.format(Locale.ROOT, "CPU: benchmark %.0f%%, other processes %.0f%% of the machine", 100.0 * ours / total,
				100.0 * others / total);
	}

	/** Now, with the stand-in's and the gateways' processes as this benchmark's. */
	static Cpu cpu(java.util.List<Gateway> gateways) {
		StandInProcess standIn = StandInProcess.STAND_IN.get();
		long[] pids = new long[gateways.size() + 1];
		pids[0] = (standIn != null) ? standIn.process.pid() : 0;
		for (int i = 0; i < gateways.size(); i++) {
			pids[i + 1] = gateways.get(i).pid();
		}
		return Cpu.now(pids);
	}

	/** Now, with the stand-in's and the gateway's processes as this benchmark's. */
	static Cpu cpu(Gateway g) {
		StandInProcess standIn = StandInProcess.STAND_IN.get();
		return Cpu.now((standIn != null) ? standIn.process.pid() : 0, (g != null) ? g.pid() : 0);
	}

}
