/**
 * Lines printed by something under test (a command's io, a child process), and a wait for a condition on them
 * that is checked at every new line: no polling.
 */
export function collectLines(): { lines: string[]; push: (line: string) => void; when(check: (lines: string[]) => boolean, ms?: number): Promise<void> } {
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  return {
    lines,
    push: (line) => {
      lines.push(line);
      for (const waiter of [...waiters]) waiter();
    },
    when(check, ms = 15_000) {
      if (check(lines)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const waiter = () => {
          if (!check(lines)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve();
        };
        // A deadline for a broken test, never a wait.
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`Never printed what was expected; printed:\n${lines.join('\n')}`));
        }, ms);
        waiters.add(waiter);
      });
    },
  };
}
