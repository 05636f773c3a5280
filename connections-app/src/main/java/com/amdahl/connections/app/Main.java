package com.amdahl.connections.app;

import com.amdahl.connections.adapter.persistence.PersistenceAdapter;
import com.amdahl.connections.adapter.persistence.PersistenceSettings;
import com.amdahl.connections.app.ops.Logs;
import com.amdahl.connections.domain.ConnectionsException;
import com.amdahl.connections.domain.workspace.Role;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line of CONTRACT section 8. Results go to stdout, notices to stderr. */
@Command(name = "connections-app", mixinStandardHelpOptions = true, version = "connections-app 0.1.0",
        description = "Amdahl Connections: REST + console server and operator commands.",
        subcommands = {Main.Serve.class, Main.Migrate.class, Main.WorkspaceCommands.class, Main.MemberCommands.class,
                Main.TokenCommands.class, Main.SecretsCommands.class, Main.McpStdio.class, Training.class})
public final class Main implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    /** Whether /healthz, /readyz and /metrics requests get request-log lines (off: probes would drown the API's). */
    static final String LOG_PROBES = "CONNECTIONS_LOG_PROBES";

    /** Tests replace the environment; the real one otherwise. */
    static Map<String, String> environment = System.getenv();

    public static void main(String[] args) {
        // The library logs through java.util.logging (it depends on the JDK only): route it to
        // logback, so every line has one format (plain or JSON) on stderr.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        int status = run(args);
        Logs.flush(); // the last lines of a command are still in the asynchronous appender's queue
        System.exit(status);
    }

    static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof ConfigurationException || e instanceof ConnectionsException) {
                err.println("error: " + e.getMessage());
            } else {
                err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return 2;
    }

    static AppConfig config() {
        return AppConfig.fromEnvironment(environment);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Run the REST API, MCP endpoint and console until stopped (SIGTERM shuts down gracefully).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--port", description = "Listen port (default: CONNECTIONS_PORT or 8080; 0 picks a free one).")
        Integer port;

        @Option(names = "--host", description = "Listen address (default: CONNECTIONS_HOST or 127.0.0.1).")
        String host;

        @Option(names = "--demo", description = "Seed a 'demo' workspace (once) and print an admin token.")
        boolean demo;

        @Override
        public Integer call() throws InterruptedException {
            long started = System.nanoTime();
            Serving serving = Serving.start(environment, host, port, demo);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                serving.stop();
                Logs.flush(); // main may not get to its own flush: the JVM halts once the hooks are done
                stopped.countDown();
            }, "shutdown"));
            LOG.info("listening on {} ({}), started in {} ms", serving.base, serving.config,
                    (System.nanoTime() - started) / 1_000_000);
            Notices.say("Connections is listening on " + serving.base + "  (console: " + serving.base + "/console)");
            stopped.await();
            return 0;
        }
    }

    @Command(name = "mcp-stdio", mixinStandardHelpOptions = true,
            description = "Serve MCP over stdin/stdout as the caller of the CONNECTIONS_TOKEN token (logs go to stderr).")
    static final class McpStdio implements Callable<Integer> {
        @Override
        public Integer call() {
            return McpWiring.runStdio(environment);
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, description = "Apply database migrations and exit.")
    static final class Migrate implements Callable<Integer> {
        @Override
        public Integer call() {
            try (ConnectionsRuntime ignored = ConnectionsRuntime.forCommand(config())) {
                System.err.println("migrations applied");
            }
            return 0;
        }
    }

    @Command(name = "workspace", mixinStandardHelpOptions = true, description = "Manage workspaces.",
            subcommands = WorkspaceCommands.Create.class)
    static final class WorkspaceCommands {
        @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a workspace.")
        static final class Create implements Callable<Integer> {
            @Parameters(index = "0", paramLabel = "<workspace-id>")
            String workspaceId;

            @Option(names = "--name", description = "Display name (default: the id).")
            String name;

            @Override
            public Integer call() {
                try (ConnectionsRuntime runtime = ConnectionsRuntime.forCommand(config())) {
                    boolean created = runtime.app.administration().createWorkspace(workspaceId, name);
                    System.err.println(created ? "workspace " + workspaceId + " created"
                            : "workspace " + workspaceId + " already exists");
                }
                return 0;
            }
        }
    }

    @Command(name = "member", mixinStandardHelpOptions = true, description = "Manage workspace members.",
            subcommands = MemberCommands.Add.class)
    static final class MemberCommands {
        @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a member (or change their role).")
        static final class Add implements Callable<Integer> {
            @Parameters(index = "0", paramLabel = "<workspace-id>")
            String workspaceId;

            @Parameters(index = "1", paramLabel = "<user-id>")
            String userId;

            @Option(names = "--role", required = true, description = "admin or member")
            String role;

            @Override
            public Integer call() {
                Role parsed = switch (role) {
                    case "admin" -> Role.ADMIN;
                    case "member" -> Role.MEMBER;
                    default -> throw new ConfigurationException("--role must be admin or member");
                };
                try (ConnectionsRuntime runtime = ConnectionsRuntime.forCommand(config())) {
                    runtime.app.administration().addMember(workspaceId, userId, parsed);
                    System.err.println(userId + " is " + (parsed == Role.ADMIN ? "an " : "a ") + role + " of " + workspaceId);
                }
                return 0;
            }
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "Issue API tokens (printed once; only a hash is stored).",
            subcommands = {TokenCommands.Create.class, TokenCommands.CreateAdmin.class})
    static final class TokenCommands {
        @Command(name = "create", mixinStandardHelpOptions = true,
                description = "Issue a token for a member; prints the token alone on one line.")
        static final class Create implements Callable<Integer> {
            @Parameters(index = "0", paramLabel = "<workspace-id>")
            String workspaceId;

            @Parameters(index = "1", paramLabel = "<user-id>")
            String userId;

            @Option(names = "--read-only", description = "Only the connections:read scope (what MCP clients get).")
            boolean readOnly;

            @Option(names = "--scope", paramLabel = "<scope>", description = "Exactly these scopes (repeatable):"
                    + " connections:read, connections:write, records:read. Default: all three (a full member token).")
            java.util.List<String> scopes;

            @Override
            public Integer call() {
                if (readOnly && scopes != null) {
                    throw new ConfigurationException("--read-only and --scope name the scopes twice; use one");
                }
                try (ConnectionsRuntime runtime = ConnectionsRuntime.forCommand(config())) {
                    var admin = runtime.app.administration();
                    System.out.println(scopes != null ? admin.createToken(workspaceId, userId, java.util.Set.copyOf(scopes))
                            : admin.createToken(workspaceId, userId, readOnly));
                }
                return 0;
            }
        }

        @Command(name = "create-admin", mixinStandardHelpOptions = true,
                description = "Issue a platform-admin token (only /api/admin routes); prints it alone on one line.")
        static final class CreateAdmin implements Callable<Integer> {
            @Override
            public Integer call() {
                try (ConnectionsRuntime runtime = ConnectionsRuntime.forCommand(config())) {
                    System.out.println(runtime.app.administration().createPlatformAdminToken());
                }
                return 0;
            }
        }
    }

    @Command(name = "secrets", mixinStandardHelpOptions = true, description = "Manage the credentials encryption key.",
            subcommands = SecretsCommands.Rotate.class)
    static final class SecretsCommands {
        @Command(name = "rotate", mixinStandardHelpOptions = true,
                description = "Re-encrypt every stored credential with a new key, in batches, while the server runs. "
                        + "Then set CONNECTIONS_SECRET_KEY to the new key.")
        static final class Rotate implements Callable<Integer> {
            @Option(names = "--old-key", required = true, description = "The current key (base64).")
            String oldKey;

            @Option(names = "--new-key", required = true, description = "The new key (base64, 32 bytes).")
            String newKey;

            @Override
            public Integer call() {
                AppConfig config = config();
                SecretKeys.Key old = SecretKeys.decode(oldKey);
                SecretKeys.Key next = SecretKeys.decode(newKey);
                Map<String, byte[]> keys = new LinkedHashMap<>();
                keys.put(old.id(), old.bytes());
                keys.put(next.id(), next.bytes());
                try (PersistenceAdapter persistence = PersistenceAdapter.open(new PersistenceSettings(config.dbUrl(),
                        config.dbUser(), config.dbPassword(), 2, keys, next.id()))) {
                    int rotated = persistence.rotateCredentials();
                    System.err.println("re-encrypted " + rotated + " credential(s) with key " + next.id());
                }
                return 0;
            }
        }
    }
}
