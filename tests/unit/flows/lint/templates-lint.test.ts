import { describe, expect, it } from 'vitest';
import { builtInTemplates, lintFlow } from '../../../../shared/flows/index.ts';
import { validFlow } from '../fixtures.ts';

describe('the UX lint on clean flows', () => {
  // The library is what new flows start from and what the offline planner composes: it must pass its own lint.
  it.each(builtInTemplates.map((template) => [template.id, template] as const))(
    'should find nothing at all in the built-in template %s',
    (_, template) => {
      expect(lintFlow(template.document)).toEqual([]);
    },
  );

  it('should find nothing in the reference login flow of the unit tests', () => {
    expect(lintFlow(validFlow())).toEqual([]);
  });

  it('should list errors before warnings', () => {
    const doc = validFlow();
    doc.nodes.push({ id: 'orphan', type: 'screen', title: 'Delete me', position: { x: 600, y: 0 }, data: { elements: [] } });
    doc.nodes.push({ id: 'bin', type: 'action', title: 'Remove everything', position: { x: 600, y: 200 } });
    doc.edges.push({ id: 'o1', source: 'login', target: 'bin' }, { id: 'o2', source: 'bin', target: 'end' });
    const severities = lintFlow(doc).map((found) => found.severity);
    expect(severities).toEqual(['error', 'error', 'warning']);
  });
});
