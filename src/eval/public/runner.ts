/**
 * Runs {@link RunJob}s one at a time in a worker thread, with a hard time limit: the pipeline's
 * work is synchronous jsdom code that no promise timeout can interrupt, so a run over its limit
 * ends with `worker.terminate()` (which stops even a busy loop) and the next job gets a fresh
 * worker. Both systems run in the same worker, so their times compare within one process.
 */
import { Worker } from 'node:worker_threads';
import type { RunJob, RunResult } from './systems';

const WARMUP_TIMEOUT_MS = 120_000;

export type RunOutcome = { kind: 'done'; result: RunResult } | { kind: 'timeout'; ms: number };

interface Pending {
  seq: number;
  resolve: (o: RunOutcome) => void;
  reject: (e: Error) => void;
}

export class PageRunner {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private pending: Pending | null = null;
  private seq = 0;
  /** Workers started so far (1 + timeouts, unless one crashed). */
  spawned = 0;

  /**
   * `warmup`: jobs run (untimed, results dropped) whenever a worker starts, so the first timed
   * page does not pay for the JIT compiling jsdom, Readability and the pipeline.
   */
  constructor(
    private readonly timeoutMs: number,
    private readonly warmup: readonly RunJob[] = [],
  ) {}

  private spawn(): Promise<void> {
    const url = new URL('./worker.ts', import.meta.url).href;
    // tsx's loader hooks are not inherited by worker threads in Node 20: register them first.
    // Resolved here, so the worker finds tsx whatever the current directory is.
    const tsxApi = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(url)}); })`;
    const w = new Worker(boot, { eval: true });
    this.worker = w;
    this.spawned++;
    this.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { ready?: boolean; seq?: number; result?: RunResult; fatal?: string }) => {
        if (m.ready) {
          resolve();
          return;
        }
        const p = this.pending;
        if (!p || m.seq !== p.seq) return;
        this.pending = null;
        if (m.fatal) p.reject(new Error(m.fatal));
        else p.resolve({ kind: 'done', result: m.result! });
      };
      w.on('message', onMessage);
      w.on('error', (e) => {
        reject(e);
        const p = this.pending;
        this.pending = null;
        this.worker = null;
        p?.reject(e);
      });
      w.on('exit', () => {
        if (this.worker === w) this.worker = null;
      });
    });
    return this.ready;
  }

  async run(job: RunJob): Promise<RunOutcome> {
    if (!this.worker) {
      await this.spawn();
      // Warm-up gets its own, generous limit: a cold worker is slower than any page's budget.
      for (const w of this.warmup) await this.send(w, Math.max(this.timeoutMs, WARMUP_TIMEOUT_MS));
      if (!this.worker) await this.spawn();
    } else await this.ready;
    return this.send(job, this.timeoutMs);
  }

  private async send(job: RunJob, timeoutMs: number): Promise<RunOutcome> {
    if (!this.worker) await this.spawn();
    const w = this.worker!;
    const seq = ++this.seq;
    const started = performance.now();
    return new Promise<RunOutcome>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending?.seq !== seq) return;
        this.pending = null;
        this.worker = null;
        void w.terminate();
        resolve({ kind: 'timeout', ms: performance.now() - started });
      }, timeoutMs);
      this.pending = {
        seq,
        resolve: (o) => {
          clearTimeout(timer);
          resolve(o);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      w.postMessage({ seq, job });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
