// The warnings Node emits while a test runs (a listener leak, a deprecation).

/** Runs `work`, handing it the names of the process warnings emitted meanwhile; stops listening however it ends. */
export async function withWarnings<T>(work: (names: string[]) => Promise<T>): Promise<T> {
  const names: string[] = [];
  const onWarning = (warning: Error) => names.push(warning.name);
  process.on('warning', onWarning);
  try {
    return await work(names);
  } finally {
    process.off('warning', onWarning);
  }
}
