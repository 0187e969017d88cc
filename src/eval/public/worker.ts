/** Worker thread of {@link PageRunner}: runs one {@link RunJob} per message, answers with its result. */
import { parentPort } from 'node:worker_threads';
import { prepareSystems, runSystem, type RunJob } from './systems';

const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');
port.on('message', (msg: { seq: number; job: RunJob }) => {
  void runSystem(msg.job).then(
    (result) => port.postMessage({ seq: msg.seq, result }),
    (e: unknown) => port.postMessage({ seq: msg.seq, fatal: String((e as Error)?.stack ?? e) }),
  );
});
// Ready once the pipeline is loaded: module loading is not part of any page's time.
prepareSystems().then(
  () => port.postMessage({ ready: true }),
  (e: unknown) => port.postMessage({ ready: true, loadError: String((e as Error)?.message ?? e) }),
);
