package com.amdahl.connections.adapter.providers.connectors.notion;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown to Notion blocks, as the API takes them: headings (levels past 3 become level 3),
 * paragraphs, bulleted and numbered lists (nested by indentation, at most two levels under a
 * top-level block, which is what one request may carry; deeper items join the deepest level),
 * to-dos, quotes, fenced code with its language (Notion's name for it, {@code plain text} when it
 * has none), dividers, and inline bold, italic, code and links (http, https and mailto; other
 * targets keep their text). Every rich-text item holds at most {@value #MAX_TEXT} characters and a
 * block at most {@value #MAX_ITEMS} items: longer text is split, a block that would need more
 * items is continued in a block of the same type. {@link #appends} cuts a page's blocks into
 * requests of at most {@value #MAX_BLOCKS} top-level blocks.
 */
final class MarkdownBlocks {
    static final int MAX_TEXT = 2000;
    static final int MAX_ITEMS = 100;
    static final int MAX_BLOCKS = 100;
    /** Blocks of any depth one request may carry. */
    static final int MAX_BLOCKS_PER_REQUEST = 1000;
    private static final int MAX_DEPTH = 2;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern DIVIDER = Pattern.compile("^\\s{0,3}([-*_])(\\s*\\1){2,}\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)\\s*([^`\\s]*).*$");
    private static final Pattern TODO = Pattern.compile("^(\\s*)[-*+]\\s+\\[([ xX])]\\s+(.*)$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+]\\s+(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^(\\s*)\\d{1,9}[.)]\\s+(.*)$");
    private static final Pattern QUOTE = Pattern.compile("^\\s{0,3}>\\s?(.*)$");
    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("js", "javascript"), Map.entry("ts", "typescript"), Map.entry("py", "python"),
            Map.entry("sh", "shell"), Map.entry("zsh", "shell"), Map.entry("yml", "yaml"), Map.entry("cpp", "c++"),
            Map.entry("cs", "c#"), Map.entry("csharp", "c#"), Map.entry("md", "markdown"), Map.entry("kt", "kotlin"),
            Map.entry("rb", "ruby"), Map.entry("dockerfile", "docker"), Map.entry("text", "plain text"),
            Map.entry("txt", "plain text"), Map.entry("plaintext", "plain text"), Map.entry("golang", "go"),
            Map.entry("rs", "rust"), Map.entry("html", "html"), Map.entry("xml", "xml"), Map.entry("json", "json"),
            Map.entry("yaml", "yaml"), Map.entry("sql", "sql"), Map.entry("java", "java"), Map.entry("python", "python"),
            Map.entry("javascript", "javascript"), Map.entry("typescript", "typescript"), Map.entry("bash", "bash"),
            Map.entry("shell", "shell"), Map.entry("go", "go"), Map.entry("rust", "rust"), Map.entry("kotlin", "kotlin"),
            Map.entry("c", "c"), Map.entry("c++", "c++"), Map.entry("css", "css"), Map.entry("markdown", "markdown"),
            Map.entry("ruby", "ruby"), Map.entry("php", "php"), Map.entry("scala", "scala"), Map.entry("swift", "swift"),
            Map.entry("diff", "diff"), Map.entry("graphql", "graphql"), Map.entry("makefile", "makefile"),
            Map.entry("docker", "docker"), Map.entry("powershell", "powershell"), Map.entry("r", "r"),
            Map.entry("toml", "toml"), Map.entry("mermaid", "mermaid"));

    private MarkdownBlocks() {
    }

    /** The page body of a Markdown document: top-level blocks, list items carrying their children. */
    static List<ObjectNode> convert(String markdown) {
        List<ObjectNode> top = new ArrayList<>();
        // the open list items by depth, so an indented item finds its parent
        List<ObjectNode> openItems = new ArrayList<>();
        List<Integer> openIndents = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        StringBuilder quote = null;
        String[] lines = markdown.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m;
            if (quote != null && !(m = QUOTE.matcher(line)).matches()) {
                top.addAll(textBlocks("quote", quote.toString()));
                quote = null;
            }
            if ((m = FENCE.matcher(line)).matches()) {
                flush(top, paragraph);
                openItems.clear();
                openIndents.clear();
                String fence = m.group(1);
                StringBuilder code = new StringBuilder();
                int j = i + 1;
                while (j < lines.length && !lines[j].trim().startsWith(fence)) {
                    code.append(code.length() == 0 && j == i + 1 ? "" : "\n").append(lines[j]);
                    j++;
                }
                i = j; // past the closing fence (or the end: an unclosed fence runs to the end)
                top.addAll(code(code.toString(), m.group(2)));
                continue;
            }
            if (line.isBlank()) {
                flush(top, paragraph);
                continue;
            }
            if ((m = HEADING.matcher(line)).matches()) {
                flush(top, paragraph);
                openItems.clear();
                openIndents.clear();
                int level = Math.min(3, m.group(1).length());
                top.addAll(textBlocks("heading_" + level, m.group(2)));
                continue;
            }
            if (DIVIDER.matcher(line).matches()) {
                flush(top, paragraph);
                openItems.clear();
                openIndents.clear();
                ObjectNode divider = block("divider");
                divider.putObject("divider");
                top.add(divider);
                continue;
            }
            if ((m = QUOTE.matcher(line)).matches()) {
                flush(top, paragraph);
                openItems.clear();
                openIndents.clear();
                quote = quote == null ? new StringBuilder(m.group(1)) : quote.append('\n').append(m.group(1));
                continue;
            }
            ObjectNode item = null;
            int indent = 0;
            if ((m = TODO.matcher(line)).matches()) {
                indent = width(m.group(1));
                item = textBlocks("to_do", m.group(3)).get(0);
                item.with("to_do").put("checked", !m.group(2).isBlank());
            } else if ((m = BULLET.matcher(line)).matches()) {
                indent = width(m.group(1));
                item = textBlocks("bulleted_list_item", m.group(2)).get(0);
            } else if ((m = NUMBERED.matcher(line)).matches()) {
                indent = width(m.group(1));
                item = textBlocks("numbered_list_item", m.group(2)).get(0);
            }
            if (item != null) {
                flush(top, paragraph);
                while (!openIndents.isEmpty() && openIndents.get(openIndents.size() - 1) >= indent) {
                    openIndents.remove(openIndents.size() - 1);
                    openItems.remove(openItems.size() - 1);
                }
                if (openItems.isEmpty()) {
                    top.add(item);
                } else {
                    int parentDepth = Math.min(openItems.size() - 1, MAX_DEPTH - 1);
                    ObjectNode parent = openItems.get(parentDepth);
                    parent.with(parent.path("type").asText()).withArray("children").add(item);
                    if (openItems.size() > MAX_DEPTH) {
                        // deeper than one request carries: a sibling at the deepest level
                        continue;
                    }
                }
                openItems.add(item);
                openIndents.add(indent);
                continue;
            }
            if (!openItems.isEmpty() && Character.isWhitespace(line.charAt(0)) && paragraph.length() == 0) {
                // an indented continuation of the last list item
                ObjectNode last = openItems.get(openItems.size() - 1);
                appendText(last, " " + line.trim());
                continue;
            }
            openItems.clear();
            openIndents.clear();
            paragraph.append(paragraph.length() == 0 ? "" : " ").append(line.trim());
        }
        if (quote != null) {
            top.addAll(textBlocks("quote", quote.toString()));
        }
        flush(top, paragraph);
        return top;
    }

    /**
     * The requests a page body takes: each at most {@value #MAX_BLOCKS} top-level blocks and
     * {@value #MAX_BLOCKS_PER_REQUEST} blocks of any depth. An empty body takes none.
     */
    static List<ArrayNode> appends(List<ObjectNode> blocks) {
        List<ArrayNode> requests = new ArrayList<>();
        ArrayNode current = JSON.arrayNode();
        int counted = 0;
        for (ObjectNode block : blocks) {
            int size = count(block);
            if (current.size() == MAX_BLOCKS || (current.size() > 0 && counted + size > MAX_BLOCKS_PER_REQUEST)) {
                requests.add(current);
                current = JSON.arrayNode();
                counted = 0;
            }
            current.add(block);
            counted += size;
        }
        if (current.size() > 0) {
            requests.add(current);
        }
        return requests;
    }

    /** Plain text as rich-text items of at most {@value #MAX_TEXT} characters (a title, a code line). */
    static ArrayNode plain(String text) {
        ArrayNode items = JSON.arrayNode();
        if (text.isEmpty()) {
            return items;
        }
        for (String piece : split(text)) {
            items.add(item(piece, false, false, false));
        }
        return items;
    }

    private static int count(ObjectNode block) {
        int n = 1;
        for (var child : block.path(block.path("type").asText()).path("children")) {
            n += count((ObjectNode) child);
        }
        return n;
    }

    private static int width(String indent) {
        return indent.replace("\t", "    ").length();
    }

    private static void flush(List<ObjectNode> top, StringBuilder paragraph) {
        if (paragraph.length() > 0) {
            top.addAll(textBlocks("paragraph", paragraph.toString()));
            paragraph.setLength(0);
        }
    }

    private static void appendText(ObjectNode block, String more) {
        ArrayNode items = (ArrayNode) block.path(block.path("type").asText()).path("rich_text");
        for (ObjectNode extra : inline(more)) {
            items.add(extra);
        }
    }

    private static List<ObjectNode> code(String code, String language) {
        String notion = LANGUAGES.getOrDefault(language.toLowerCase(Locale.ROOT), "plain text");
        List<ObjectNode> blocks = new ArrayList<>();
        ArrayNode all = plain(code);
        for (int start = 0; start < Math.max(1, all.size()); start += MAX_ITEMS) {
            ObjectNode block = block("code");
            ObjectNode body = block.putObject("code");
            ArrayNode items = body.putArray("rich_text");
            for (int k = start; k < Math.min(all.size(), start + MAX_ITEMS); k++) {
                items.add(all.get(k));
            }
            body.put("language", notion);
            blocks.add(block);
        }
        return blocks;
    }

    /** One block of a text type, continued in more blocks of the type when its text needs more than {@value #MAX_ITEMS} items. */
    private static List<ObjectNode> textBlocks(String type, String markdown) {
        List<ObjectNode> items = inline(markdown);
        List<ObjectNode> blocks = new ArrayList<>();
        for (int start = 0; start < Math.max(1, items.size()); start += MAX_ITEMS) {
            ObjectNode block = block(type);
            ArrayNode richText = block.putObject(type).putArray("rich_text");
            items.subList(start, Math.min(items.size(), start + MAX_ITEMS)).forEach(richText::add);
            blocks.add(block);
        }
        return blocks;
    }

    private static ObjectNode block(String type) {
        ObjectNode block = JSON.objectNode();
        block.put("object", "block");
        block.put("type", type);
        return block;
    }

    /** Inline Markdown: {@code **bold**}, {@code __bold__}, {@code *italic*}, {@code _italic_}, {@code `code`}, {@code [text](url)}. */
    static List<ObjectNode> inline(String text) {
        List<ObjectNode> items = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean bold = false;
        boolean italic = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && "\\`*_[]()#>-+!".indexOf(text.charAt(i + 1)) >= 0) {
                run.append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '`') {
                int close = text.indexOf('`', i + 1);
                if (close > i) {
                    emit(items, run, bold, italic, false);
                    run.append(text, i + 1, close);
                    emit(items, run, bold, italic, true);
                    i = close + 1;
                    continue;
                }
            }
            if (c == '[') {
                Matcher link = LINK.matcher(text).region(i, text.length());
                if (link.lookingAt()) {
                    emit(items, run, bold, italic, false);
                    String url = link.group(2).trim();
                    String target = url.matches("(?i)(https?|mailto):.*") ? url : null;
                    for (ObjectNode inner : inline(link.group(1))) {
                        ObjectNode annotations = (ObjectNode) inner.path("annotations");
                        annotations.put("bold", annotations.path("bold").asBoolean() || bold);
                        annotations.put("italic", annotations.path("italic").asBoolean() || italic);
                        if (target != null) {
                            ((ObjectNode) inner.path("text")).putObject("link").put("url", target);
                        }
                        items.add(inner);
                    }
                    i = link.end();
                    continue;
                }
            }
            String marker = text.startsWith("**", i) ? "**" : text.startsWith("__", i) ? "__"
                    : (c == '*' || c == '_') ? String.valueOf(c) : null;
            if (marker != null) {
                boolean strong = marker.length() == 2;
                boolean on = strong ? bold : italic;
                boolean wordInside = c == '_' && i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))
                        && i + marker.length() < text.length() && Character.isLetterOrDigit(text.charAt(i + marker.length()));
                if (!wordInside && (on || text.indexOf(marker, i + marker.length()) > i + marker.length())) {
                    emit(items, run, bold, italic, false);
                    if (strong) {
                        bold = !bold;
                    } else {
                        italic = !italic;
                    }
                    i += marker.length();
                    continue;
                }
            }
            run.append(c);
            i++;
        }
        emit(items, run, bold, italic, false);
        return items;
    }

    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    private static void emit(List<ObjectNode> items, StringBuilder run, boolean bold, boolean italic, boolean code) {
        if (run.length() == 0) {
            return;
        }
        for (String piece : split(run.toString())) {
            items.add(item(piece, bold, italic, code));
        }
        run.setLength(0);
    }

    private static ObjectNode item(String content, boolean bold, boolean italic, boolean code) {
        ObjectNode item = JSON.objectNode();
        item.put("type", "text");
        ObjectNode text = item.putObject("text");
        text.put("content", content);
        ObjectNode annotations = item.putObject("annotations");
        annotations.put("bold", bold);
        annotations.put("italic", italic);
        annotations.put("code", code);
        return item;
    }

    /** Pieces of at most {@value #MAX_TEXT} UTF-16 units, never splitting a surrogate pair. */
    static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (text.length() - start > MAX_TEXT) {
            int end = start + MAX_TEXT;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            pieces.add(text.substring(start, end));
            start = end;
        }
        if (start < text.length() || pieces.isEmpty()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }
}
