/** Worker thread of {@link PageRunner}: runs one {@link RunJob} per message, answers with its result. */
import { parentPort } from 'node:worker_threads';
import { runSystem, type RunJob } from './systems';

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');
port.on('message', (msg: { seq: number; job: RunJob }) => {
  void runSystem(msg.job).then(
    (result) => port.postMessage({ seq: msg.seq, result }),
    (e: unknown) => port.postMessage({ seq: msg.seq, fatal: String((e as Error)?.stack ?? e) }),
  );
});
// Ready once this module and the pipeline it imports are loaded: module loading is not part of any
// page's time.
port.postMessage({ ready: true });
