import { CloudEvent, HTTP } from 'cloudevents';
import type { NamedFunction } from '../../shared/platform/definition/identity.ts';
import { cronJobExtension, pingEventType } from '../../shared/platform/events/catalog.ts';
import { eventExamples } from './event-examples.ts';

/** A first request each kind of function must answer successfully (status below 500). */
export const firstRequest = (definition: NamedFunction): { path: string; init: RequestInit } => {
  if (definition.kind === 'http') {
    const path = definition.route.path === '/*' ? '/v1/cold-start-probe' : definition.route.path.replace(/\{[^}]+\}/g, 'probe');
    return { path, init: { method: definition.route.method.toUpperCase() } };
  }
  const event =
    definition.kind === 'cron'
      ? new CloudEvent({ type: pingEventType, source: '/bench', [cronJobExtension]: definition.name })
      : new CloudEvent({
          type: definition.events[0]!,
          source: '/bench',
          data: eventExamples[definition.events[0]!](),
        });
  const message = HTTP.binary(event);
  return { path: '/', init: { method: 'POST', headers: message.headers as Record<string, string>, body: message.body as string } };
};
