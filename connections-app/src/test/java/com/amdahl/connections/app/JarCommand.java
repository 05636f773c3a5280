package com.amdahl.connections.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runnable jar launched as the README launches it: with the class-data archive the build
 * writes beside it (ignored, silently, when it is missing or does not match the jar).
 */
final class JarCommand {
    static final Path JAR = Path.of("target", "connections-app.jar").toAbsolutePath();
    static final Path ARCHIVE = Path.of("target", "connections-app.jsa").toAbsolutePath();

    private JarCommand() {
    }

    /** {@code java}, the JVM options, {@code -jar connections-app.jar}: append the command. */
    static List<String> java(String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m"); // as the README runs it
        command.add("-XX:SharedArchiveFile=" + ARCHIVE);
        command.add("-Xlog:cds=off,cds+dynamic=off");
        command.addAll(List.of(jvmOptions));
        command.add("-jar");
        command.add(JAR.toString());
        return command;
    }
}
