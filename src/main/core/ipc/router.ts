import type { z } from 'zod';
import { isChannel, type Channel } from '../../../shared/ipc/channels';
import { contract, type ChannelOutput, type ChannelSpec, type ParsedInput } from '../../../shared/ipc/contract';
import { ERROR_HINTS, fail, ok, type IpcResult } from '../../../shared/ipc/result';
import { AppError } from '../errors';
import type { Logger } from '../log';

/** One function per channel; a channel without a handler does not compile. */
export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> };

export type Dispatch = (channel: unknown, rawInput: unknown) => Promise<IpcResult<unknown>>;

/** Describes what was wrong with an input without echoing any of its values back. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(input)'}: ${issue.message}`)
    .join('; ')
    .slice(0, 500);
}

/**
 * Checks the channel, parses the input, runs the handler, parses the output (zod drops unknown
 * keys, so nothing extra rides along) and always resolves to an IpcResult: nothing throws across IPC.
 */
export interface RouterGuards {
  /** True when the tenant must not be written to (profile or session read-only). */
  isReadOnly(tenantId: string): Promise<boolean>;
}

export function createRouter(
  handlers: Handlers,
  log: Logger,
  guards?: RouterGuards,
  /** The real contract; tests may pass one with extra specs (e.g. a write channel). */
  specs: Record<Channel, ChannelSpec> = contract,
): Dispatch {
  return async (channel, rawInput) => {
    if (!isChannel(channel)) {
      return fail('UNKNOWN_CHANNEL', ERROR_HINTS.UNKNOWN_CHANNEL);
    }
    const spec = specs[channel];
    const input = spec.input.safeParse(rawInput);
    if (!input.success) {
      return fail('INVALID_INPUT', ERROR_HINTS.INVALID_INPUT, describeIssues(input.error));
    }
    try {
      if (spec.tenantWrite) {
        // Enforced here, in main, for every write channel: the UI disabling a button is not enough.
        const target = (input.data as { tenantId?: unknown }).tenantId;
        if (typeof target !== 'string' || !guards || (await guards.isReadOnly(target))) {
          return fail('READ_ONLY_TENANT', ERROR_HINTS.READ_ONLY_TENANT);
        }
      }
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      const output = spec.output.safeParse(await handler(input.data));
      if (!output.success) {
        log.error('handler output failed its schema', { channel, issues: describeIssues(output.error) });
        return fail('INVALID_OUTPUT', ERROR_HINTS.INVALID_OUTPUT);
      }
      return ok(output.data);
    } catch (error) {
      if (error instanceof AppError) {
        return fail(error.code, error.message, error.detail);
      }
      log.error('handler threw', { channel, error: error instanceof Error ? error.message : String(error) });
      return fail('INTERNAL', ERROR_HINTS.INTERNAL);
    }
  };
}
