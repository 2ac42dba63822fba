import { describe, expect, it } from 'vitest';
import { lintRules } from '../../../../shared/flows/index.ts';
import { validFlow } from '../fixtures.ts';
import { applyFix, edge, flowOf, node, onlyFinding, screen } from './lint-kit.ts';

const rule = (name: string) => {
  const found = lintRules[name];
  if (found === undefined) throw new Error(`no lint rule ${name}`);
  return found;
};
const api = (id: string, method: string) => node(id, 'api-call', { data: { method, url: `/${id}` } });
const variants = (...types: string[]) => ({ uiMetadata: { variants: types.map((type) => ({ id: `v_${type}`, name: type, type })) } });

describe('DATA_STATES_MISSING', () => {
  const dataStates = rule('DATA_STATES_MISSING');
  /** A list screen that loads its items on load; `extra` adds to the screen, `exits` are the outcomes of the call. */
  const orders = (extra: Record<string, unknown> = {}, trigger: 'onLoad' | 'onClick(refresh_btn)' = 'onLoad') =>
    flowOf(
      [
        node('start', 'start'),
        screen(
          'orders',
          [
            { id: 'order_list', type: 'list', label: 'Orders' },
            { id: 'refresh_btn', type: 'button', label: 'Refresh' },
          ],
          extra,
        ),
        api('load', trigger === 'onLoad' ? 'POST' : 'GET'),
        node('end', 'end'),
      ],
      [
        edge('start', 'orders'),
        edge('orders', 'load', { trigger }),
        edge('load', 'orders', { trigger: 'onSuccess' }),
        edge('orders', 'end'),
      ],
    );

  it('should find nothing when the login screen only submits (a POST on click is not a load)', () => {
    expect(dataStates(validFlow())).toEqual([]);
  });

  it('should report a warning listing loading, empty and error, whose fix adds them as variants', () => {
    const doc = orders();
    const found = onlyFinding(dataStates, doc);
    expect(found).toMatchObject({ rule: 'DATA_STATES_MISSING', severity: 'warning', nodeIds: ['orders', 'load'] });
    expect(found.message).toMatch(/loading, empty, error/);
    const fixed = applyFix(doc, found);
    expect(fixed.nodes.find((found) => found.id === 'orders')?.uiMetadata?.variants?.map((variant) => variant.type)).toEqual([
      'loading',
      'empty',
      'error',
    ]);
    expect(dataStates(fixed)).toEqual([]);
  });

  it('should treat a click to a GET call as a load, and keep the screen’s other metadata in the fix', () => {
    const doc = orders(
      { uiMetadata: { completionStatus: 'done', variants: [{ id: 'v', name: 'Spinner', type: 'loading' }] } },
      'onClick(refresh_btn)',
    );
    const found = onlyFinding(dataStates, doc);
    expect(found.message).toMatch(/empty, error/);
    const fixed = applyFix(doc, found);
    expect(fixed.nodes.find((found) => found.id === 'orders')?.uiMetadata).toMatchObject({ completionStatus: 'done' });
    expect(dataStates(fixed)).toEqual([]);
  });

  it('should find nothing when the states are variants, or outcomes of the call', () => {
    expect(dataStates(orders(variants('loading', 'empty', 'error')))).toEqual([]);
    const withOutcomes = flowOf(
      [
        node('start', 'start'),
        screen('search', [{ id: 'query', type: 'input', label: 'Search' }], variants('loading')),
        api('run', 'GET'),
        node('outcome', 'condition', {
          data: {
            conditions: [
              { id: 'found', label: 'Results' },
              { id: 'none', label: 'No results' },
              { id: 'failed', label: 'Search failed' },
            ],
          },
        }),
        screen('results', [{ id: 'cards', type: 'card', label: 'Result' }]),
        node('end', 'end'),
      ],
      [
        edge('start', 'search'),
        edge('search', 'run', { trigger: 'onSubmit' }),
        edge('run', 'outcome', { trigger: 'onSuccess' }),
        edge('outcome', 'results', { sourceHandle: 'found' }),
        edge('outcome', 'search', { sourceHandle: 'none' }),
        edge('outcome', 'search', { sourceHandle: 'failed' }),
        edge('results', 'end'),
      ],
    );
    expect(dataStates(withOutcomes)).toEqual([]);
  });

  it('should not ask for an empty state when nothing shown is a collection', () => {
    const doc = flowOf(
      [node('start', 'start'), screen('profile', [], variants('loading', 'error')), api('load', 'GET'), node('end', 'end')],
      [
        edge('start', 'profile'),
        edge('profile', 'load', { trigger: 'onLoad' }),
        edge('load', 'profile', { trigger: 'onSuccess' }),
        edge('profile', 'end'),
      ],
    );
    expect(dataStates(doc)).toEqual([]);
  });
});

describe('FORM_VALIDATION_MISSING', () => {
  const formValidation = rule('FORM_VALIDATION_MISSING');
  const form = (extraEdges: ReturnType<typeof edge>[] = [], elementType = 'input', label = 'Email', extra: Record<string, unknown> = {}) =>
    flowOf(
      [
        node('start', 'start'),
        screen(
          'signup',
          [
            { id: 'email', type: elementType, label },
            { id: 'send_btn', type: 'button', label: 'Send' },
          ],
          extra,
        ),
        api('register', 'POST'),
        node('ok', 'decision', { data: { condition: 'response.ok' } }),
        node('end', 'end'),
      ],
      [
        edge('start', 'signup'),
        edge('signup', 'register', { trigger: 'onClick(send_btn)' }),
        edge('register', 'ok', { trigger: 'onSuccess' }),
        edge('ok', 'end', { trigger: 'if_true' }),
        ...extraEdges,
      ],
    );

  it('should find nothing when a failed submission leads back to the form', () => {
    expect(formValidation(form([edge('ok', 'signup', { trigger: 'if_false' })]))).toEqual([]);
  });

  it('should report a warning, whose fix adds an error variant, when no path leads back', () => {
    const doc = form([edge('ok', 'end', { trigger: 'if_false' })]);
    const found = onlyFinding(formValidation, doc);
    expect(found).toMatchObject({ rule: 'FORM_VALIDATION_MISSING', severity: 'warning', nodeIds: ['signup'] });
    expect(formValidation(applyFix(doc, found))).toEqual([]);
  });

  it('should accept an onError edge out of the form or an error variant as the validation path', () => {
    const base = [edge('ok', 'end', { trigger: 'if_false' })];
    expect(formValidation(form([...base, edge('signup', 'end', { trigger: 'onError' })]))).toEqual([]);
    expect(formValidation(form(base, 'input', 'Email', variants('error')))).toEqual([]);
  });

  it('should not treat a search box or a screen of toggles as a form', () => {
    const base = [edge('ok', 'end', { trigger: 'if_false' })];
    expect(formValidation(form(base, 'input', 'Search products'))).toEqual([]);
    expect(formValidation(form(base, 'toggle', 'Weekly digest'))).toEqual([]);
  });
});

describe('DESTRUCTIVE_UNCONFIRMED', () => {
  const destructiveConfirmation = rule('DESTRUCTIVE_UNCONFIRMED');
  const project = (label: string, target: ReturnType<typeof node> = api('delete_project', 'POST')) =>
    flowOf(
      [node('start', 'start'), screen('project', [{ id: 'danger_btn', type: 'button', label }]), target, node('end', 'end')],
      [
        edge('start', 'project'),
        edge('project', target.id, { trigger: 'onClick(danger_btn)' }),
        edge(target.id, 'end', { trigger: 'onSuccess' }),
      ],
    );

  it('should find nothing on a flow without destructive wording', () => {
    expect(destructiveConfirmation(validFlow())).toEqual([]);
    expect(destructiveConfirmation(project('Cancel'))).toEqual([]);
  });

  it('should report a warning, whose fix inserts a confirmation popup, for a destructive button that acts at once', () => {
    const doc = project('Delete project');
    const found = onlyFinding(destructiveConfirmation, doc);
    expect(found).toMatchObject({ rule: 'DESTRUCTIVE_UNCONFIRMED', severity: 'warning', nodeIds: ['project', 'delete_project'] });
    const fixed = applyFix(doc, found);
    expect(fixed.nodes.filter((found) => found.type === 'popup')).toHaveLength(1);
    expect(destructiveConfirmation(fixed)).toEqual([]);
  });

  it('should report a DELETE call or a destructive action reached without a confirmation', () => {
    expect(onlyFinding(destructiveConfirmation, project('Go', api('wipe', 'DELETE'))).nodeIds).toEqual(['project', 'wipe']);
    expect(onlyFinding(destructiveConfirmation, project('Go', node('unsub', 'action', { title: 'Cancel subscription' }))).nodeIds).toEqual([
      'project',
      'unsub',
    ]);
  });

  it('should accept a destructive step that opens a popup or a confirmation, or is the popup’s own button', () => {
    expect(destructiveConfirmation(project('Delete project', node('sure', 'popup', { title: 'Sure?' })))).toEqual([]);
    expect(
      destructiveConfirmation(project('Remove', node('confirm', 'decision', { title: 'Confirmed?', data: { condition: 'x' } }))),
    ).toEqual([]);
  });
});
