import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.metrics.StartupStep.Tag;

/**
 * Where a Spring Boot application's start-up goes (bench/startup-compare.sh --timeline): starts the
 * application's main class with a {@link BufferingApplicationStartup}, then prints the steps that took
 * longest by their own time (a step's duration minus its children's), the same summed per step name, and
 * exits. Bench-only: neither the gateway nor the minimal application records its start-up otherwise.
 * <p>
 * Usage: {@code java -cp <application jar>:<this class> StartupTimeline <main class> [top] [application
 * arguments...]}
 */
public final class StartupTimeline {

	public static void main(String[] args) throws Exception {
		Class<?> mainClass = Class.forName(args[0]);
		int top = Integer.parseInt(args[1]);
		String[] appArgs = Arrays.copyOfRange(args, 2, args.length);
		SpringApplication application = new SpringApplication(mainClass);
		BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
		application.setApplicationStartup(startup);
		long began = System.nanoTime();
		ConfigurableApplicationContext context = application.run(appArgs);
		long runNanos = System.nanoTime() - began;
		List<TimelineEvent> events = startup.getBufferedTimeline().getEvents();
		Map<Long, Long> childNanos = new HashMap<>();
		for (TimelineEvent event : events) {
			Long parent = event.getStartupStep().getParentId();
			if (parent != null) {
				childNanos.merge(parent, event.getDuration().toNanos(), Long::sum);
			}
		}
		List<long[]> own = new ArrayList<>();
		Map<String, long[]> byName = new TreeMap<>();
		for (int i = 0; i < events.size(); i++) {
			TimelineEvent event = events.get(i);
			long self = event.getDuration().toNanos() - childNanos.getOrDefault(event.getStartupStep().getId(), 0L);
			own.add(new long[] { self, i });
			long[] sum = byName.computeIfAbsent(event.getStartupStep().getName(), (name) -> new long[2]);
			sum[0] += self;
			sum[1]++;
		}
		own.sort((a, b) -> Long.compare(b[0], a[0]));
		System.out.printf("%n== StartupTimeline: SpringApplication.run %d ms, %d steps%n", runNanos / 1_000_000,
				events.size());
		System.out.println("== own time per step name (ms, count)");
		byName.entrySet()
			.stream()
			.sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
			.forEach((e) -> System.out.printf("%8d %6d  %s%n", e.getValue()[0] / 1_000_000, e.getValue()[1],
					e.getKey()));
		System.out.println("== top steps by own time (ms, total ms, step, tags)");
		for (int i = 0; i < Math.min(top, own.size()); i++) {
			TimelineEvent event = events.get((int) own.get(i)[1]);
			StringBuilder tags = new StringBuilder();
			for (Tag tag : event.getStartupStep().getTags()) {
				String value = tag.getValue();
				tags.append(tag.getKey()).append('=').append(value.length() > 90 ? value.substring(0, 90) : value)
					.append(' ');
			}
			System.out.printf("%8d %8d  %s  %s%n", own.get(i)[0] / 1_000_000, event.getDuration().toMillis(),
					event.getStartupStep().getName(), tags);
		}
		context.close();
		System.exit(0);
	}

	private StartupTimeline() {
	}

}
