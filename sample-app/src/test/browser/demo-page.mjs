// Drives the sample's demo page in headless Chromium for DemoPageInBrowserTests.
//
// Usage: node demo-page.mjs <base URL of the page> <screenshot file>
//
// It opens the page and then talks over stdin and stdout, one line each way per step, so that the test decides
// what happens when (sending messages, stopping an instance) and asserts on what the page showed:
//   out {"event":"session","session":"<id>"}       the page registered a session and its stream is open
//   in  expect <n>                                 wait until the page's log holds at least n entries and its
//                                                  stream is open (or a minute passes), then
//   out {"event":"shown","session":...,"state":...,"log":[...],"streams":[...]}   the log, oldest entry
//                                                  first, and the URL of every stream the page opened
//   in  screenshot                                 take a screenshot of the page, then
//   out {"event":"screenshot","path":"<file>"}
// End of input closes the browser. Any failure is printed on stderr and exits with status 1.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const [baseUrl, screenshotPath] = process.argv.slice(2);
if (!baseUrl || !screenshotPath) {
	console.error('usage: node demo-page.mjs <base URL of the page> <screenshot file>');
	process.exit(2);
}

const STEP_TIMEOUT = 60_000;

function report(line) {
	process.stdout.write(JSON.stringify(line) + '\n');
}

async function pageState(page) {
	return page.evaluate(() => ({
		session: document.getElementById('session').textContent,
		state: document.getElementById('state').textContent,
		// The page puts the newest entry first
		log: Array.from(document.querySelectorAll('#log li'), (item) => item.textContent).reverse(),
	}));
}

const userDataDir = await mkdtemp(join(tmpdir(), 'demo-page-chromium-'));
let context = null;
try {
	context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const page = context.pages()[0] ?? await context.newPage();
	const streams = [];
	page.on('request', (request) => {
		if (new URL(request.url()).pathname === '/sse') {
			streams.push(request.url());
		}
	});
	page.on('console', (message) => console.error('page console: ' + message.text()));
	await page.goto(new URL('/', baseUrl).toString());
	await page.waitForFunction(() => document.getElementById('state').textContent === '(stream open)'
		&& document.getElementById('session').textContent !== 'connecting...', null, { timeout: STEP_TIMEOUT });
	report({ event: 'session', session: (await pageState(page)).session });

	for await (const line of createInterface({ input: process.stdin })) {
		const [command, argument] = line.trim().split(/\s+/);
		if (command === 'expect') {
			const count = Number(argument);
			try {
				await page.waitForFunction((n) => document.querySelectorAll('#log li').length >= n
					&& document.getElementById('state').textContent === '(stream open)', count,
					{ timeout: STEP_TIMEOUT, polling: 50 });
			}
			catch (error) {
				if (error.name !== 'TimeoutError') {
					throw error;
				}
				// What the page shows instead tells the test more than the timeout does
				console.error('The page did not show ' + count + ' entries on an open stream within ' + STEP_TIMEOUT
					+ ' ms');
			}
			report({ event: 'shown', ...(await pageState(page)), streams });
		}
		else if (command === 'screenshot') {
			await page.screenshot({ path: screenshotPath, fullPage: true });
			report({ event: 'screenshot', path: screenshotPath });
		}
		else if (command) {
			throw new Error('unknown command: ' + line);
		}
	}
}
catch (error) {
	console.error(error);
	process.exitCode = 1;
}
finally {
	if (context !== null) {
		await context.close();
	}
	await rm(userDataDir, { recursive: true, force: true });
}
