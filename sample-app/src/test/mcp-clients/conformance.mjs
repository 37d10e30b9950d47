// Runs the MCP conformance suite's server scenarios that the sample's tools support against one MCP endpoint
// and prints a summary. Usage: node conformance.mjs <mcp-url>. Exits with 1 if any scenario fails.
// Left out: scenarios of features the sample does not offer (resources, prompts, completion, logging levels,
// sampling, elicitation, progress and log notifications on the request's own stream, SSE polling of a
// request's stream, which needs responses as event streams).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const SCENARIOS = [
  'server-initialize',
  'ping',
  'tools-list',
  'tools-call-simple-text',
  'tools-call-image',
  'tools-call-audio',
  'tools-call-embedded-resource',
  'tools-call-mixed-content',
  'tools-call-error',
  'server-sse-multiple-streams',
  'dns-rebinding-protection',
];

const url = process.argv[2];
const require = createRequire(import.meta.url);
const suite = join(dirname(require.resolve('@modelcontextprotocol/conformance/package.json')), 'dist', 'index.js');
let failures = 0;
const lines = [];
for (const scenario of SCENARIOS) {
  const run = spawnSync(process.execPath, [suite, 'server', '--url', url, '--scenario', scenario],
    { encoding: 'utf8', timeout: 60000 });
  const output = `${run.stdout}${run.stderr}`;
  const counts = /Passed: (\d+)\/(\d+), (\d+) failed/.exec(output);
  const passed = run.status === 0 && counts !== null && counts[3] === '0' && counts[1] === counts[2];
  if (!passed) {
    failures++;
    console.error(output);
  }
  lines.push(`${passed ? 'PASS' : 'FAIL'} ${scenario} ${counts ? `${counts[1]}/${counts[2]} checks` : ''}`);
}
console.log(`MCP conformance (server scenarios) against ${url}:`);
lines.forEach((line) => console.log(`  ${line}`));
console.log(`${SCENARIOS.length - failures} of ${SCENARIOS.length} scenarios passed`);
process.exit(failures === 0 ? 0 : 1);
