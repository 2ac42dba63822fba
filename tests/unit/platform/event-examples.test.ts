import { describe, expect, it } from 'vitest';
import { eventExamples } from '../../../scripts/bench/event-examples.ts';
import { eventCatalog, eventTypes } from '../../../shared/platform/events/catalog.ts';

describe('the event examples of the cold-start probe', () => {
  it.each(eventTypes)('should give %s data its catalog schema accepts', (type) => {
    const parsed = eventCatalog[type].safeParse(eventExamples[type]());
    expect({ type, issues: parsed.error?.issues ?? [] }).toEqual({ type, issues: [] });
  });
});
