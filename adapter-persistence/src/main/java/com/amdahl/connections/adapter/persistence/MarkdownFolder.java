package com.amdahl.connections.adapter.persistence;

import com.amdahl.connections.application.port.out.KnowledgeSource;
import com.amdahl.connections.domain.knowledge.KnowledgeDocument;
import com.amdahl.connections.domain.workspace.WorkspaceId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A knowledge base of Markdown files: {@code <folder>/<workspace id>/**.md}, one folder per
 * workspace, so a workspace reads only its own. A document's id is its path under the workspace's
 * folder (or {@code id:} in its front matter); its title is {@code title:} from the front matter,
 * else its first {@code # heading}, else its file name; {@code tags:} is a list ({@code [a, b]},
 * {@code a, b}, or {@code - a} lines); its updated time is {@code updated:} (ISO-8601) or the file's
 * modification time. Hidden files and folders are skipped, symbolic links are not followed, a file
 * over 1 MiB is skipped. The cursor is a hash of every file's path, size and modification time.
 * A missing root or workspace folder fails the read, so a mistyped or deleted folder never looks like
 * "every document was removed" (an existing empty folder is an empty knowledge base).
 */
final class MarkdownFolder implements KnowledgeSource {
    static final long MAX_FILE_BYTES = 1 << 20;
    static final int MAX_FILES = 10_000;

    private final Path root;

    MarkdownFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Snapshot read(WorkspaceId workspaceId) {
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("The knowledge folder does not exist (CONNECTIONS_KNOWLEDGE_DIR)");
        }
        Path folder = root.resolve(workspaceId.value()).normalize();
        if (!folder.getParent().equals(root) || !Files.isDirectory(folder)) {
            // never "every document was removed": under mirror that would archive every page
            throw new IllegalStateException("This workspace has no knowledge folder (CONNECTIONS_KNOWLEDGE_DIR/"
                    + "<workspace id>/); create it, even empty, to mirror an empty knowledge base");
        }
        List<KnowledgeDocument> documents = new ArrayList<>();
        MessageDigest cursor = sha256();
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> markdown = files.filter(p -> !hidden(folder, p))
                    .filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".md"))
                    .sorted().limit(MAX_FILES).toList();
            for (Path file : markdown) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                        java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (attributes.size() > MAX_FILE_BYTES) {
                    continue;
                }
                String relative = folder.relativize(file).toString().replace('\\', '/');
                Instant modified = attributes.lastModifiedTime().toInstant();
                cursor.update((relative + "\u0000" + attributes.size() + "\u0000" + modified + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                documents.add(parse(relative, Files.readString(file, StandardCharsets.UTF_8), modified));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The knowledge folder could not be read", e);
        }
        return new Snapshot(documents, HexFormat.of().formatHex(cursor.digest()));
    }

    private static boolean hidden(Path folder, Path path) {
        for (Path part : folder.relativize(path)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** One file: front matter (between {@code ---} lines at the very top), then the Markdown body. */
    static KnowledgeDocument parse(String relativePath, String text, Instant modified) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String id = relativePath;
        String title = null;
        List<String> tags = new ArrayList<>();
        Instant updated = modified;
        String[] lines = body.split("\r?\n", -1);
        if (lines.length > 1 && lines[0].strip().equals("---")) {
            int end = -1;
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].strip().equals("---") || lines[i].strip().equals("...")) {
                    end = i;
                    break;
                }
            }
            if (end > 0) {
                String listKey = null;
                for (int i = 1; i < end; i++) {
                    String line = lines[i];
                    if (line.strip().startsWith("- ") && "tags".equals(listKey)) {
                        tags.add(unquote(line.strip().substring(2)));
                        continue;
                    }
                    int colon = line.indexOf(':');
                    if (colon <= 0) {
                        continue;
                    }
                    String key = line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
                    String value = line.substring(colon + 1).strip();
                    listKey = key;
                    switch (key) {
                        case "title" -> title = unquote(value);
                        case "id" -> id = value.isEmpty() ? id : unquote(value);
                        case "tags" -> tags.addAll(list(value));
                        case "updated" -> updated = instant(value, modified);
                        default -> { }
                    }
                }
                body = String.join("\n", Arrays.asList(lines).subList(end + 1, lines.length));
            }
        }
        if (title == null) {
            title = body.lines().map(String::strip).filter(l -> l.startsWith("# ")).findFirst()
                    .map(l -> l.substring(2).strip()).orElse(fileName(relativePath));
        }
        return new KnowledgeDocument(id, title, body.strip(), tags.stream().filter(t -> !t.isBlank()).toList(), updated);
    }

    private static List<String> list(String value) {
        String inner = value.startsWith("[") && value.endsWith("]") ? value.substring(1, value.length() - 1) : value;
        return inner.isBlank() ? List.of() : Arrays.stream(inner.split(",")).map(MarkdownFolder::unquote).toList();
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static Instant instant(String value, Instant fallback) {
        String v = unquote(value);
        try {
            return v.length() == 10 ? Instant.parse(v + "T00:00:00Z") : Instant.parse(v);
        } catch (DateTimeParseException notAnInstant) {
            return fallback;
        }
    }

    private static String fileName(String relativePath) {
        String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        return name.substring(0, name.length() - 3);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
