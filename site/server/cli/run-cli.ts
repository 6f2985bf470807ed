import { ConfigError } from '../../../core/config.ts';

/** Runs a command-line task: a configuration error prints its lines, anything else its stack; both exit 1. */
export async function runCli(task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  }
}
