import type { Channel, EventName } from './channels';
import type { ChannelInput, ChannelOutput, EventPayload } from './contract';
import type { IpcResult } from './result';

type DomainOf<C extends string> = C extends `${infer D}.${string}` ? D : never;
type ActionOf<C extends string, D extends string> = C extends `${D}.${infer A}` ? A : never;

/** `{}` inputs become optional arguments so `api.app.info()` reads naturally. */
type Method<C extends Channel> =
  Record<string, never> extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>
    : (input: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>;

export type ChannelMethods = {
  [D in DomainOf<Channel>]: { [A in ActionOf<Channel, D>]: Method<`${D}.${A}` & Channel> };
};

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;

/** What the renderer sees as `window.api`. */
export type ConsoleApi = ChannelMethods & {
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
};
