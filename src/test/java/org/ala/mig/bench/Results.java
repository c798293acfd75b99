package org.ala.mig.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Everything one run measured: the machine, the JVM, the database, the commit, each benchmark's
 * details, and the figures of the table (with their targets). Written to
 * {@code target/bench/results.json} and printed as a table.
 */
final class Results {

  /** One line of the table. {@code pass} is null for a figure without a target. */
  record Figure(String bench, String name, double value, String unit, String target, Boolean pass, String note) {}

  private final Map<String, Object> root = new LinkedHashMap<>();
  private final Map<String, Object> details = new LinkedHashMap<>();
  private final List<Figure> figures = new ArrayList<>();
  private final Map<String, String> failures = new LinkedHashMap<>();

  Results(BenchOptions options, Map<String, Object> database) {
    root.put("date", Instant.now().toString());
    root.put("machine", machine());
    root.put("jvm", Map.of(
        "version", Runtime.version().toString(),
        "vendor", System.getProperty("java.vm.vendor", ""),
        "arguments", ManagementFactory.getRuntimeMXBean().getInputArguments(),
        "maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024)));
    root.put("database", database);
    root.put("git", git());
    root.put("options", options.asMap());
  }

  /** The details section of one benchmark (free-form; each benchmark fills its own). */
  @SuppressWarnings("unchecked")
  Map<String, Object> details(String bench) {
    return (Map<String, Object>) details.computeIfAbsent(bench, b -> new LinkedHashMap<String, Object>());
  }

  void figure(String bench, String name, double value, String unit) {
    figures.add(new Figure(bench, name, value, unit, "", null, ""));
  }

  void figure(String bench, String name, double value, String unit, String note) {
    figures.add(new Figure(bench, name, value, unit, "", null, note));
  }

  /** A figure with a target: {@code pass} says whether the figure meets it. */
  void target(String bench, String name, double value, String unit, String target, boolean pass, String note) {
    figures.add(new Figure(bench, name, value, unit, target, pass, note));
  }

  void failed(String bench, Throwable e) {
    failures.put(bench, e.toString());
  }

  boolean anyFailed() {
    return !failures.isEmpty();
  }

  List<Figure> figures() {
    return figures;
  }

  void write(Path file) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>(root);
    out.put("figures", figures);
    out.put("benchmarks", details);
    out.put("failures", failures);
    Files.createDirectories(file.getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), out);
  }

  void print(PrintStream out) {
    @SuppressWarnings("unchecked")
    Map<String, Object> machine = (Map<String, Object>) root.get("machine");
    @SuppressWarnings("unchecked")
    Map<String, Object> database = (Map<String, Object>) root.get("database");
    @SuppressWarnings("unchecked")
    Map<String, Object> git = (Map<String, Object>) root.get("git");
    out.println();
    out.printf(Locale.ROOT, "MIG Lifecycle benchmark, %s%n", root.get("date"));
    out.printf(Locale.ROOT, "  machine  %s, %s cores, %s MiB; JVM %s%n", machine.get("cpu"), machine.get("cores"),
        machine.get("memoryMiB"), Runtime.version());
    out.printf(Locale.ROOT, "  database %s %s (%s)%n", database.get("product"), database.get("version"),
        database.get("url"));
    out.printf(Locale.ROOT, "  commit   %s%s%n", git.get("commit"), Boolean.TRUE.equals(git.get("dirty")) ? " (with changes)" : "");
    out.println();
    String format = "%-3s %-46s %12s %-9s %-12s %-4s %s%n";
    out.printf(Locale.ROOT, format, "", "figure", "value", "unit", "target", "", "note");
    out.println("-".repeat(110));
    for (Figure f : figures) {
      out.printf(Locale.ROOT, format, f.bench(), f.name(), number(f.value()), f.unit(), f.target(),
          f.pass() == null ? "" : f.pass() ? "PASS" : "MISS", f.note());
    }
    failures.forEach((bench, error) -> out.printf(Locale.ROOT, "%-3s FAILED: %s%n", bench, error));
    out.println();
  }

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    double abs = Math.abs(value);
    if (abs >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (abs >= 100) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    if (abs >= 1) {
      return String.format(Locale.ROOT, "%.2f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("host", host());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("cpu", procLine(Path.of("/proc/cpuinfo"), "model name"));
    String total = procLine(Path.of("/proc/meminfo"), "MemTotal");
    m.put("memoryMiB", total.isEmpty() ? null : Long.parseLong(total.replaceAll("\\D", "")) / 1024);
    m.put("loadAverageAtStart", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    return m;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String procLine(Path file, String key) {
    try {
      return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
    } catch (IOException e) {
      return "";
    }
  }

  private static Map<String, Object> git() {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("commit", run("git", "rev-parse", "HEAD"));
    g.put("subject", run("git", "log", "-1", "--format=%s"));
    g.put("dirty", !run("git", "status", "--porcelain", "--untracked-files=no").isEmpty());
    return g;
  }

  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes()).strip();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? output : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
