// Drives the Connections MCP server with the official TypeScript SDK client.
// Environment: MCP_URL, MCP_TOKEN, FOREIGN_ID (another workspace's connection id),
// STDIO_COMMAND (JSON array: command and arguments of a stdio server), FIXTURE_FOREIGN_ID_FILE
// (where that server wrote another workspace's connection id).
// Prints one line per check; exits 1 when any check fails.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

let failures = 0;
function check(name, ok, detail = "") {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? " - " + detail : ""}`);
  if (!ok) failures++;
}

async function notFound(client, uri) {
  try {
    await client.readResource({ uri });
    return "read succeeded";
  } catch (e) {
    return e.code === -32002 ? null : `code ${e.code}: ${e.message}`;
  }
}

async function exercise(label, client, foreignId) {
  const { resources } = await client.listResources();
  check(`${label} resources/list`, JSON.stringify(resources.map((r) => r.uri).sort())
      === JSON.stringify(["connection://catalog", "connection://list"]));
  check(`${label} resources have json mime types`, resources.every((r) => r.mimeType === "application/json"));
  const { resourceTemplates } = await client.listResourceTemplates();
  check(`${label} resources/templates/list`, JSON.stringify(resourceTemplates.map((t) => t.uriTemplate).sort())
      === JSON.stringify(["connection://{id}", "connection://{id}/records/{stream}", "connection://{id}/runs", "connection://{id}/status"]));
  const read = async (uri) => {
    const result = await client.readResource({ uri });
    const content = result.contents[0];
    check(`${label} read ${uri}`, content.uri === uri && content.mimeType === "application/json");
    return JSON.parse(content.text);
  };
  const catalog = await read("connection://catalog");
  check(`${label} catalog has connectable flags`, catalog.connectors.length > 10
      && catalog.connectors.every((c) => typeof c.connectable === "boolean"));
  const crm = await read("connection://catalog?category=crm&kind=first_party");
  check(`${label} catalog filter`, crm.connectors.length > 0 && crm.connectors.every((c) => c.category === "crm"));
  const list = await read("connection://list");
  check(`${label} list has connections`, list.connections.length > 0);
  const id = list.connections[0].id;
  const one = await read(`connection://${id}`);
  check(`${label} one connection`, one.id === id && "health_detail" in one);
  const status = await read(`connection://${id}/status`);
  check(`${label} status shape`, JSON.stringify(Object.keys(status))
      === JSON.stringify(["id", "status", "health", "is_syncing", "last_synced_at", "last_error", "last_run"]));
  const runs = await read(`connection://${id}/runs?limit=1`);
  check(`${label} runs`, Array.isArray(runs.runs) && runs.runs.length <= 1);
  for (const uri of [`connection://${foreignId}`, `connection://${foreignId}/status`, "connection://no-such-id"]) {
    const problem = await notFound(client, uri);
    check(`${label} ${uri} is resource-not-found`, problem === null, problem ?? "");
  }
}

const url = process.env.MCP_URL;
if (url) {
  const client = new Client({ name: "client-check", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${process.env.MCP_TOKEN}` } },
  }));
  await exercise("http", client, process.env.FOREIGN_ID);
  await client.close();

  const anonymous = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: {} }),
  });
  check("http 401 without a token", anonymous.status === 401 && anonymous.headers.has("www-authenticate"));
  let refused = false;
  try {
    const noToken = new Client({ name: "client-check", version: "1.0.0" });
    await noToken.connect(new StreamableHTTPClientTransport(new URL(url)));
  } catch (e) {
    refused = true;
  }
  check("http client without a token cannot connect", refused);
}

if (process.env.STDIO_COMMAND) {
  const [command, ...args] = JSON.parse(process.env.STDIO_COMMAND);
  const client = new Client({ name: "client-check", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command, args, env: { ...process.env }, stderr: "ignore" }));
  const idFile = process.env.FIXTURE_FOREIGN_ID_FILE;
  const foreign = idFile ? (await import("node:fs")).readFileSync(idFile, "utf8").trim() : "no-such-foreign-id";
  await exercise("stdio", client, foreign);
  await client.close();
}

console.log(`${failures === 0 ? "all checks passed" : failures + " check(s) failed"}`);
process.exit(failures === 0 ? 0 : 1);
