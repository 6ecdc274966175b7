import type { PsaConnector, PsaPerson } from '../../../src/psa/types';

/** Shared by the PSA contract tests: drains a connector and records the waits it asks for. */

export async function drain(connector: PsaConnector): Promise<{ pages: PsaPerson[][]; people: PsaPerson[] }> {
  const pages: PsaPerson[][] = [];
  for await (const page of connector.listActivePeople()) pages.push(page);
  return { pages, people: pages.flat() };
}

export async function failure(connector: PsaConnector): Promise<Error> {
  try {
    await drain(connector);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the connector to fail');
}

export function sleepRecorder(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

/** A transport that lets a test rewrite each URL before it reaches the fake. */
export function rewriting(rewrite: (url: URL) => URL | string): (url: string, init: RequestInit) => Promise<Response> {
  return (url, init) => fetch(rewrite(new URL(url)).toString(), init);
}

export function expectNoSecret(message: string, secrets: readonly string[]): void {
  for (const secret of secrets) expect(message).not.toContain(secret);
}
