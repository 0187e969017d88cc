#!/usr/bin/env node
/**
 * The bench's floor for a one-page read: a bare Node script that loads jsdom and Readability,
 * fetches the page (Node's fetch, straight from the bench's local server) and prints the text
 * Readability finds. `node scripts/bench/bare-readability.mjs URL`
 */
import { JSDOM } from 'jsdom';
import { Readability } from '@mozilla/readability';

const url = process.argv[2];
const html = await (await fetch(url)).text();
const { window } = new JSDOM(html, { url });
const article = new Readability(window.document).parse();
process.stdout.write(`${article?.title ?? ''}\n\n${article?.textContent ?? ''}\n`);
