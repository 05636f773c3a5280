package com.amdahl.connections.adapter.providers.connectors.notion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Markdown to Notion blocks, one row per construct. Blocks are described compactly:
 * {@code type(text)} with marks written back as {@code **b**}, {@code _i_}, {@code `c`},
 * {@code [t](u)}, children in braces, blocks separated by " | ".
 */
class MarkdownBlocksTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("# One\n## Two\n### Three\n#### Four", "heading_1(One) | heading_2(Two) | heading_3(Three) | heading_3(Four)"),
                Arguments.of("first line\nsame paragraph\n\nsecond", "paragraph(first line same paragraph) | paragraph(second)"),
                Arguments.of("- a\n- b\n* c\n+ d", "bulleted_list_item(a) | bulleted_list_item(b) | bulleted_list_item(c) | bulleted_list_item(d)"),
                Arguments.of("1. one\n2. two\n10) ten", "numbered_list_item(one) | numbered_list_item(two) | numbered_list_item(ten)"),
                Arguments.of("- a\n  - a1\n    - a11\n  - a2\n- b",
                        "bulleted_list_item(a){bulleted_list_item(a1){bulleted_list_item(a11)}, bulleted_list_item(a2)} | bulleted_list_item(b)"),
                Arguments.of("1. one\n   - sub\n2. two", "numbered_list_item(one){bulleted_list_item(sub)} | numbered_list_item(two)"),
                Arguments.of("- a\n  - b\n    - c\n      - d\n        - e",
                        "bulleted_list_item(a){bulleted_list_item(b){bulleted_list_item(c), bulleted_list_item(d), bulleted_list_item(e)}}"),
                Arguments.of("- [ ] open\n- [x] done", "to_do(open)[ ] | to_do(done)[x]"),
                Arguments.of("> quoted\n> more\n\nafter", "quote(quoted\nmore) | paragraph(after)"),
                Arguments.of("```java\nclass A {}\n  int x;\n```", "code:java(class A {}\n  int x;)"),
                Arguments.of("```\nplain\n```", "code:plain text(plain)"),
                Arguments.of("```brainfuck-ish\n+++\n```", "code:plain text(+++)"),
                Arguments.of("```js\nlet a\n```", "code:javascript(let a)"),
                Arguments.of("above\n\n---\n\n***\nbelow", "paragraph(above) | divider() | divider() | paragraph(below)"),
                Arguments.of("a **bold** and *italic* and _it_ and __b2__ and `x*y`",
                        "paragraph(a **bold** and _italic_ and _it_ and **b2** and `x*y`)"),
                Arguments.of("see [the docs](https://example.com/a) and [local](./b.md)",
                        "paragraph(see [the docs](https://example.com/a) and local)"),
                Arguments.of("[**bold link**](https://x.io)", "paragraph([**bold link**](https://x.io))"),
                Arguments.of("snake_case_name and 2*3*4", "paragraph(snake_case_name and 2_3_4)"),
                Arguments.of("a lone * star and a lone _ underscore", "paragraph(a lone * star and a lone _ underscore)"),
                Arguments.of("escaped \\*not italic\\*", "paragraph(escaped *not italic*)"),
                Arguments.of("", ""));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void converts(String markdown, String expected) {
        assertThat(describe(MarkdownBlocks.convert(markdown))).isEqualTo(expected);
    }

    @Test
    void a_long_paragraph_is_split_into_items_of_at_most_2000_characters() {
        String text = "x".repeat(4500);
        List<ObjectNode> blocks = MarkdownBlocks.convert(text);
        assertThat(blocks).hasSize(1);
        JsonNode items = blocks.get(0).path("paragraph").path("rich_text");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).path("text").path("content").asText()).hasSize(2000);
        assertThat(items.get(2).path("text").path("content").asText()).hasSize(500);
    }

    @Test
    void a_split_never_cuts_a_surrogate_pair() {
        String text = "a".repeat(1999) + "\uD83D\uDE00" + "b";
        List<String> pieces = MarkdownBlocks.split(text);
        assertThat(pieces).hasSize(2);
        assertThat(pieces.get(0)).hasSize(1999);
        assertThat(String.join("", pieces)).isEqualTo(text);
    }

    @Test
    void a_block_needing_more_than_100_items_continues_in_a_block_of_its_type() {
        String text = IntStream.range(0, 150).mapToObj(i -> "**b" + i + "** n").collect(Collectors.joining(" "));
        List<ObjectNode> blocks = MarkdownBlocks.convert(text);
        assertThat(blocks).hasSize(3).allMatch(b -> b.path("type").asText().equals("paragraph")); // 300 items
        assertThat(blocks.get(0).path("paragraph").path("rich_text")).hasSize(100);
    }

    @Test
    void long_code_keeps_its_language_and_is_split_into_items() {
        List<ObjectNode> blocks = MarkdownBlocks.convert("```python\n" + "p".repeat(2500) + "\n```");
        assertThat(blocks).hasSize(1);
        assertThat(blocks.get(0).path("code").path("language").asText()).isEqualTo("python");
        assertThat(blocks.get(0).path("code").path("rich_text")).hasSize(2);
    }

    @Test
    void more_than_100_blocks_take_one_request_per_100() {
        String markdown = IntStream.range(0, 250).mapToObj(i -> "paragraph " + i).collect(Collectors.joining("\n\n"));
        List<ObjectNode> blocks = MarkdownBlocks.convert(markdown);
        assertThat(blocks).hasSize(250);
        List<ArrayNode> requests = MarkdownBlocks.appends(blocks);
        assertThat(requests).extracting(ArrayNode::size).containsExactly(100, 100, 50);
        assertThat(MarkdownBlocks.appends(List.of())).isEmpty();
    }

    @Test
    void a_request_carries_at_most_1000_blocks_of_any_depth() {
        String item = "- item\n" + IntStream.range(0, 30).mapToObj(i -> "  - child " + i).collect(Collectors.joining("\n"));
        String markdown = IntStream.range(0, 60).mapToObj(i -> item).collect(Collectors.joining("\n\n"));
        List<ObjectNode> blocks = MarkdownBlocks.convert(markdown);
        assertThat(blocks).hasSize(60); // each 31 blocks deep
        List<ArrayNode> requests = MarkdownBlocks.appends(blocks);
        assertThat(requests).extracting(ArrayNode::size).containsExactly(32, 28);
    }

    static String describe(List<ObjectNode> blocks) {
        return blocks.stream().map(MarkdownBlocksTest::describe).collect(Collectors.joining(" | "));
    }

    private static String describe(JsonNode block) {
        String type = block.path("type").asText();
        JsonNode body = block.path(type);
        StringBuilder out = new StringBuilder(type);
        if (type.equals("code")) {
            out.append(':').append(body.path("language").asText());
        }
        out.append('(');
        for (JsonNode item : body.path("rich_text")) {
            String text = item.path("text").path("content").asText();
            JsonNode marks = item.path("annotations");
            if (marks.path("code").asBoolean()) {
                text = "`" + text + "`";
            }
            if (marks.path("italic").asBoolean()) {
                text = "_" + text + "_";
            }
            if (marks.path("bold").asBoolean()) {
                text = "**" + text + "**";
            }
            if (item.path("text").has("link")) {
                text = "[" + text + "](" + item.path("text").path("link").path("url").asText() + ")";
            }
            out.append(text);
        }
        out.append(')');
        if (type.equals("to_do")) {
            out.append(body.path("checked").asBoolean() ? "[x]" : "[ ]");
        }
        if (body.has("children")) {
            out.append('{');
            StringBuilder children = new StringBuilder();
            for (JsonNode child : body.path("children")) {
                children.append(children.length() == 0 ? "" : ", ").append(describe(child));
            }
            out.append(children).append('}');
        }
        return out.toString();
    }
}
