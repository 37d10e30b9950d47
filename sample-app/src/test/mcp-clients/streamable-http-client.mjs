// The official TypeScript MCP client against the sample gateway's /mcp through a round-robin proxy in front of
// two instances. It lists and calls tools, checks that both instances answered, and survives a cut of its
// streams: the test that runs it cuts them when this script prints "cut?" and answers "cut" on standard input.
// Usage: node streamable-http-client.mjs <mcp-url>. Exits with 1 on the first failed check.
import { createInterface } from 'node:readline';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const TIMEOUT_MS = 20000;
const url = new URL(process.argv[2]);
const input = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

function check(condition, message) {
  if (!condition) {
    console.error(`FAILED: ${message}`);
    process.exit(1);
  }
}

async function until(condition, what) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!condition()) {
    check(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const received = [];
const client = new Client({ name: 'session-sample-typescript-client', version: '1.0.0' });
client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
  received.push(notification.params.data);
});
const transport = new StreamableHTTPClientTransport(url);
transport.onerror = (error) => console.error(`transport: ${error.message}`);
await client.connect(transport);
check(transport.sessionId, 'the server gave no Mcp-Session-Id');

const tools = (await client.listTools()).tools.map((tool) => tool.name);
for (const name of ['whoami', 'notify', 'test_simple_text']) {
  check(tools.includes(name), `tools/list lacks ${name}: ${tools}`);
}
const answered = new Set();
for (let i = 0; i < 6; i++) {
  const result = await client.callTool({ name: 'whoami' });
  check(!result.isError, `whoami failed: ${JSON.stringify(result)}`);
  answered.add(result.content[0].text);
}
check(answered.size === 2, `expected both instances to answer, got ${[...answered]}`);

async function notify(text) {
  const result = await client.callTool({ name: 'notify', arguments: { text } });
  check(!result.isError, `notify failed: ${JSON.stringify(result)}`);
}

await notify('before-1');
await notify('before-2');
await until(() => received.length >= 2, 'the notifications sent before the cut');

console.log('cut?');
const answer = await input.next();
check(!answer.done && answer.value === 'cut', 'the test did not cut the streams');
// Sent while the client reconnects its stream, on whichever instance
await notify('after-1');
await notify('after-2');
await notify('after-3');
const expected = ['before-1', 'before-2', 'after-1', 'after-2', 'after-3'];
await until(() => received.length >= expected.length, 'the notifications sent after the cut');
// One more, so that a duplicate of an earlier one would have shown up before it
await notify('last');
expected.push('last');
await until(() => received.length >= expected.length, 'the last notification');
check(JSON.stringify(received) === JSON.stringify(expected),
  `notifications arrived as ${JSON.stringify(received)}, expected ${JSON.stringify(expected)}`);

await transport.terminateSession();
await client.close();
console.log(`ok: tools ${tools.length}, instances ${[...answered].sort().join(',')}, `
  + `notifications ${received.length} in order, none twice, across a cut of the stream`);
process.exit(0);
