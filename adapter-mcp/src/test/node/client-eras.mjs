// Drives the Connections MCP server with the official TypeScript client 2.x (@modelcontextprotocol/client)
// in both protocol eras: versionNegotiation 'auto' (negotiates 2026-07-28) and 'legacy' (2025-11-25),
// over Streamable HTTP and stdio. Each: list, read every resource, subscribe (resources/subscribe or
// subscriptions/listen), hear a change. Environment: MCP_URL, MCP_TOKEN, FOREIGN_ID, CHANGE_URL (a GET
// there makes the server change connection CHANGE_ID's status), CHANGE_ID, STDIO_COMMAND (JSON array),
// FIXTURE_FOREIGN_ID_FILE. Prints one line per check; exits 1 when any check fails.
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";

let failures = 0;
function check(name, ok, detail = "") {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? " - " + detail : ""}`);
  if (!ok) failures++;
}

async function exercise(label, client, expectedEra, foreignId, change) {
  check(`${label} era`, client.getProtocolEra() === expectedEra
      && client.getNegotiatedProtocolVersion() === (expectedEra === "modern" ? "2026-07-28" : "2025-11-25"),
      `${client.getProtocolEra()} ${client.getNegotiatedProtocolVersion()}`);
  const { resources } = await client.listResources();
  check(`${label} resources/list`, JSON.stringify(resources.map((r) => r.uri))
      === JSON.stringify(["connection://catalog", "connection://list"]));
  const { resourceTemplates } = await client.listResourceTemplates();
  check(`${label} resources/templates/list`, resourceTemplates.length === 4);
  const read = async (uri) => {
    const result = await client.readResource({ uri }, { cacheMode: "bypass" });
    const content = result.contents[0];
    const hints = expectedEra === "modern" ? result.cacheScope === "private" && typeof result.ttlMs === "number"
      : result.cacheScope === undefined && result.ttlMs === undefined;
    check(`${label} read ${uri}`, content.uri === uri && content.mimeType === "application/json" && hints,
        JSON.stringify({ ttlMs: result.ttlMs, cacheScope: result.cacheScope }));
    return JSON.parse(content.text);
  };
  await read("connection://catalog");
  const list = await read("connection://list");
  const id = list.connections[0].id;
  await read(`connection://${id}`);
  await read(`connection://${id}/status`);
  await read(`connection://${id}/runs?limit=1`);
  let problem = "read succeeded";
  try {
    await client.readResource({ uri: `connection://${foreignId}/status` }, { cacheMode: "bypass" });
  } catch (e) {
    // The wire says -32602 in 2026-07-28 and -32002 in 2025-11-25 (McpHttpIT checks those bytes); client 2.x
    // hands both to the caller as -32602, the code the 2026 spec makes the only one.
    problem = e.code === -32602 && /Resource not found/.test(e.message) ? null : `code ${e.code}: ${e.message}`;
  }
  check(`${label} another workspace's connection is resource-not-found`, problem === null, problem ?? "");

  if (!change) return;
  const uri = `connection://${change.id ?? id}/status`;
  const heard = new Promise((resolve) => {
    client.setNotificationHandler("notifications/resources/updated", (n) => {
      if (n.params.uri === uri) resolve(true);
    });
    setTimeout(() => resolve(false), 15000);
  });
  let subscription;
  if (expectedEra === "modern") {
    subscription = await client.listen({ resourceSubscriptions: [uri] });
    check(`${label} subscriptions/listen acknowledged`,
        JSON.stringify(subscription.honoredFilter.resourceSubscriptions) === JSON.stringify([uri]));
  } else {
    await client.subscribeResource({ uri });
  }
  await change.make();
  check(`${label} hears the status change`, await heard);
  if (subscription) await subscription.close();
}

const url = process.env.MCP_URL;
const headers = { Authorization: `Bearer ${process.env.MCP_TOKEN}` };
const httpChange = (n) => ({ id: process.env.CHANGE_ID, make: () => fetch(`${process.env.CHANGE_URL}?n=${n}`) });
if (url) {
  for (const [mode, era, n] of [["auto", "modern", 1], ["legacy", "legacy", 2]]) {
    const client = new Client({ name: `client-eras-${mode}`, version: "1.0.0" }, { versionNegotiation: { mode } });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
    await exercise(`http ${mode}`, client, era, process.env.FOREIGN_ID, httpChange(n));
    await client.close();
  }
}

if (process.env.STDIO_COMMAND) {
  const [command, ...args] = JSON.parse(process.env.STDIO_COMMAND);
  const idFile = process.env.FIXTURE_FOREIGN_ID_FILE;
  for (const [mode, era] of [["auto", "modern"], ["legacy", "legacy"]]) {
    const client = new Client({ name: `client-eras-${mode}`, version: "1.0.0" }, { versionNegotiation: { mode } });
    await client.connect(new StdioClientTransport({ command, args, env: { ...process.env }, stderr: "ignore" }));
    const foreign = (await import("node:fs")).readFileSync(idFile, "utf8").trim();
    // the stdio fixture changes its connection's status every second by itself (FIXTURE_CHURN)
    await exercise(`stdio ${mode}`, client, era, foreign, { id: null, make: async () => {} });
    await client.close();
  }
}

console.log(`${failures === 0 ? "all checks passed" : failures + " check(s) failed"}`);
process.exit(failures === 0 ? 0 : 1);
