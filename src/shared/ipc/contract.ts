import { z } from 'zod';
import { appInfoSchema } from '../domain/app-info';
import { taskProgressSchema } from '../domain/progress';
import type { Channel, EventName } from './channels';

/** Inputs are always one options object; `{}` where a channel takes nothing. */
const noInput = z.object({}).strict();

/** channel -> input and output schemas. `satisfies` makes a missing or extra channel a compile error. */
export const contract = {
  'app.info': { input: noInput, output: appInfoSchema },
} as const satisfies Record<Channel, { input: z.ZodType; output: z.ZodType }>;

/** event -> payload schema, the allow-list of what main may push to the renderer. */
export const eventContract = {
  'task.progress': taskProgressSchema,
} as const satisfies Record<EventName, z.ZodType>;

export type Contract = typeof contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof eventContract)[E]>;

// Compile-time check that channels.ts lists exactly the contract's keys.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsMatch: Exact<keyof Contract, Channel> = true;
const eventsMatch: Exact<keyof typeof eventContract, EventName> = true;
void channelsMatch;
void eventsMatch;
