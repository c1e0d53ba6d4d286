/** A promise a test opens by hand, to hold a CRM call in flight. */
export function createGate(): { wait: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** Lets pending promise callbacks run (for steps a test cannot await because they are held in flight). */
export async function flushAsync(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}
