/**
 * Once per run of the browser suites: an id the extension builds are stamped with, so each
 * browser's extension is built once per run (buildExtension in browser.ts), not once per file.
 */
import { randomUUID } from 'node:crypto';

export default function setup(): void {
  process.env.WHOLESTORY_E2E_RUN = randomUUID();
}
