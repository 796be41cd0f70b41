// The flag the bot is started with (`npm start`, the Docker image): V8's
// young generation, where every new object is made, grows to 16 MiB
// semi-spaces by default, two per thread, and rarely shrinks back. Bounded to
// 4 MiB, a burst's peak was 15-25 MiB lower and the idle bot 10-20 MiB, at no
// CPU cost beyond the machine's run-to-run spread (README, "A smaller young
// generation"). V8 reads it only when a heap is made, so it cannot be set
// from the configuration at run time as HEAP_GROWTH_PERCENT is: it belongs
// on the command line.

/** What `npm start` and the Docker image pass to node (package.json and the Dockerfile say it too; a test keeps them alike). */
export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=4';

const NAME = YOUNG_GENERATION_FLAG.split('=')[0] as string;

/**
 * Whether node was told a young generation size, on its command line or in
 * NODE_OPTIONS (any size but 0, V8's own choice: the operator's call).
 */
export function youngGenerationBounded(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  // NODE_OPTIONS may quote an option ("--max-semi-space-size=4"); node takes --max_semi_space_size too.
  const given = [...execArgv, ...(nodeOptions ?? '').split(/\s+/).map((arg) => arg.replace(/^"(.*)"$/, '$1'))];
  return given.some((arg) => {
    const [name, value] = arg.replaceAll('_', '-').split('=');
    return name === NAME && value !== undefined && Number(value) > 0;
  });
}
