import { eventContract, type EventPayload } from '../../shared/ipc/contract';
import type { EventName } from '../../shared/ipc/channels';
import type { Logger } from './log';

export type EventSink = (event: EventName, payload: unknown) => void;

export interface CoreEvents {
  /** Validates the payload against the event contract, then hands it to every sink. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Adds a sink (the Electron binding, the Chromium host); returns a function that removes it. */
  subscribe(sink: EventSink): () => void;
}

export function createEventBus(log: Logger): CoreEvents {
  const sinks = new Set<EventSink>();
  return {
    emit(event, payload) {
      const parsed = eventContract[event].safeParse(payload);
      if (!parsed.success) {
        log.error('dropped an event whose payload failed its schema', { event });
        return;
      }
      for (const sink of sinks) {
        try {
          sink(event, parsed.data);
        } catch (error) {
          log.warn('event sink threw', { event, error: error instanceof Error ? error.message : String(error) });
        }
      }
    },
    subscribe(sink) {
      sinks.add(sink);
      return () => {
        sinks.delete(sink);
      };
    },
  };
}
