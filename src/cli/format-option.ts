/** The values of `--format` (a module of its own so `--help` loads no DOM). */
export const OUTPUT_FORMATS = ['md', 'text', 'html', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Whether a string names an output format. */
export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}
