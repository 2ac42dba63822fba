import { describe, expect, it } from 'vitest';
import { applyConsentChanges, initialConsentState } from '../../../shared/privacy/index.ts';

const at = new Date('2025-06-02T10:00:00Z');
const later = new Date('2025-06-03T10:00:00Z');

describe('applyConsentChanges', () => {
  it('should set only the purposes asked, with their date and text version', () => {
    const next = applyConsentChanges(initialConsentState(), { analytics: true }, 'v1', at)!;
    expect(next.analytics).toEqual({ granted: true, at, textVersion: 'v1' });
    expect(next.marketing).toEqual({ granted: false, at: null, textVersion: null });
    expect(next.necessary.granted).toBe(true);
  });

  it('should change nothing when the same answer is given under the same text version', () => {
    const state = applyConsentChanges(initialConsentState(), { analytics: true }, 'v1', at)!;
    expect(applyConsentChanges(state, { analytics: true }, 'v1', later)).toBeNull();
  });

  it('should record the same answer again when it is given under a new text version', () => {
    const state = applyConsentChanges(initialConsentState(), { analytics: true }, 'v1', at)!;
    expect(applyConsentChanges(state, { analytics: true }, 'v2', later)?.analytics).toEqual({
      granted: true,
      at: later,
      textVersion: 'v2',
    });
  });
});
